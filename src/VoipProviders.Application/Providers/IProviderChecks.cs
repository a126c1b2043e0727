using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>
/// The health checks of one provider type, in the order callers see them. A check fails or warns only on what the
/// upstream service positively answered; when it is unavailable the run is inconclusive and an
/// <see cref="UpstreamFailureException"/> propagates, so an outage never marks a provider failed.
/// </summary>
public interface IProviderChecks
{
    ProviderType Type { get; }

    Task<IReadOnlyList<VerificationCheck>> RunAsync(IVerifiableProvider provider, CancellationToken cancellationToken);

    /// <summary>What an inconclusive run that hit the verification's time limit answers: the type's "unavailable" failure.</summary>
    UpstreamFailureException TimedOut(OperationCanceledException cause);
}
