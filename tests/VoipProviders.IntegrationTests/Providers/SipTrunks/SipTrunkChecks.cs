using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>
/// One check, "Reachability": a host under <c>.invalid</c> fails it, a host under <c>.down</c> cannot be asked (the run
/// is inconclusive), any other host passes.
/// </summary>
internal sealed class SipTrunkChecks(TimeProvider timeProvider) : IProviderChecks
{
    public const string Reachability = "Reachability";

    public ProviderType Type => SipTrunkProviderType.Type;

    public Task<IReadOnlyList<VerificationCheck>> RunAsync(IVerifiableProvider provider, CancellationToken cancellationToken)
    {
        var trunk = (SipTrunk)provider;
        if (trunk.Host.EndsWith(".down", StringComparison.Ordinal))
        {
            throw new SipTrunkUnavailableException();
        }

        var reachable = !trunk.Host.EndsWith(".invalid", StringComparison.Ordinal);
        IReadOnlyList<VerificationCheck> checks =
        [
            new(
                Reachability,
                reachable ? VerificationCheckStatus.Passed : VerificationCheckStatus.Failed,
                reachable ? "The SIP host answers OPTIONS." : "The SIP host does not exist.",
                Timestamps.Normalize(timeProvider.GetUtcNow()),
                new Dictionary<string, object> { ["host"] = trunk.Host }),
        ];
        return Task.FromResult(checks);
    }

    public UpstreamFailureException TimedOut(OperationCanceledException cause) => new SipTrunkUnavailableException(cause);
}
