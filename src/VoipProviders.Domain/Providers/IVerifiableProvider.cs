using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.Providers;

/// <summary>
/// A provider of any type as its verification sees it: who it belongs to, which version was checked, the outcome of its
/// last run, and the upstream account its checks call (runs of one account are throttled together).
/// </summary>
public interface IVerifiableProvider
{
    ProviderId Id { get; }

    OrganizationId OrganizationId { get; }

    /// <summary>The upstream account the checks call, as logs and the per-account throttle name it.</summary>
    string AccountKey { get; }

    long Version { get; }

    VerificationStatus VerificationStatus { get; }

    DateTimeOffset? LastVerifiedAt { get; }

    IReadOnlyList<VerificationCheck>? VerificationChecks { get; }

    DateTimeOffset NextVerificationAt { get; }

    /// <summary>
    /// Records the outcome of a run and when the next scheduled one is due; neither the version nor the last update
    /// moves (a verification observes the provider). Returns the status before this run.
    /// </summary>
    VerificationStatus RecordVerification(IReadOnlyCollection<VerificationCheck> checks, DateTimeOffset now, DateTimeOffset nextVerificationAt);
}
