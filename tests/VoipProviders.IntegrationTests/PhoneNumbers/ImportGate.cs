using VoipProviders.Application.PhoneNumbers;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>
/// Holds an import at one of its points, as a slow or stopped replica would leave it: armed with <see cref="HoldAt"/>, the
/// first import that passes the point goes no further — no attach, no commit, no compensation — until the test lets it
/// go on with <see cref="Release"/>. Registered in every test host; the fixture releases it before each test.
/// </summary>
public sealed class ImportGate : IPhoneNumberImportCheckpoints
{
    private Armed? _armed;

    /// <summary>Completes with the held import's id once an armed import reached its point.</summary>
    public Task<Guid> Reached => _armed?.Reached.Task ?? throw new InvalidOperationException("Not armed.");

    /// <summary>Holds the next import that passes <paramref name="point"/>.</summary>
    public void HoldAt(PhoneNumberImportPoint point)
    {
        Release();
        _armed = new Armed(point);
    }

    /// <summary>Lets the held import go on (as if nothing had happened) and disarms.</summary>
    public void Release()
    {
        var armed = Interlocked.Exchange(ref _armed, null);
        armed?.Released.TrySetResult();
    }

    public async ValueTask PassedAsync(PhoneNumberImportPoint point, Guid importId, CancellationToken cancellationToken)
    {
        var armed = _armed;
        if (armed is null || armed.Point != point || !armed.Take())
        {
            return;
        }

        armed.Reached.TrySetResult(importId);
        await armed.Released.Task.ConfigureAwait(false);
    }

    private sealed class Armed(PhoneNumberImportPoint point)
    {
        private int _taken;

        public PhoneNumberImportPoint Point => point;

        public TaskCompletionSource<Guid> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Take() => Interlocked.Exchange(ref _taken, 1) == 0;
    }
}
