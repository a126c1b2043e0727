using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// The real checks of a provider type, with a gate in front of the first run: that run waits (in its lease, before any
/// call to Twilio) until the test opens the gate, so a test can act "while a verification runs" without guessing how
/// long one takes. Later runs go straight through.
/// </summary>
internal sealed class GatedChecks(IProviderChecks inner) : IProviderChecks
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    public ProviderType Type => inner.Type;

    /// <summary>How many runs have started their checks.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Completes when the first run is at the gate (it holds the provider's lease).</summary>
    public Task WhenFirstRunWaitsAsync() => _entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Open() => _gate.TrySetResult();

    public async Task<IReadOnlyList<VerificationCheck>> RunAsync(IVerifiableProvider provider, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _runs) == 1)
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.RunAsync(provider, cancellationToken);
    }

    public UpstreamFailureException TimedOut(OperationCanceledException cause) => inner.TimedOut(cause);
}
