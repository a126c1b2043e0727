using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// Where verification runs of one provider type meet, across replicas: a provider is verified by one run at a time (a
/// lease), a result is stored only while the provider is still the one that was checked, and the scheduled sweep claims
/// the providers that are due. Every method commits at once; none takes part in the unit of work.
/// </summary>
public interface IProviderVerificationStore
{
    ProviderType Type { get; }

    /// <summary>The organization's provider as committed now (untracked), or null.</summary>
    Task<IVerifiableProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>A provider by id alone, for background runs that were started by the module itself (untracked), or null.</summary>
    Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the provider's verification lease for run <paramref name="runId"/> until <paramref name="leaseUntil"/>,
    /// unless a run holds it. False when one does. A lease <paramref name="runId"/> holds already is taken (true): a
    /// statement sent again after its answer was lost must not find itself in the way.
    /// </summary>
    Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the verification the provider has just recorded — only if the provider still has the version the run
    /// checked; false when it was changed or deleted meanwhile (the result describes something gone). Either way the
    /// run's lease ends; only the lease of <paramref name="runId"/> is ever ended, never one another run took since.
    /// The event and audit record a status change added (<see cref="ProviderChanges"/>) are stored in the same transaction
    /// as the result, and discarded when the result is not stored.
    /// </summary>
    Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends run <paramref name="runId"/> without a result (a lease another run has taken since stays); with
    /// <paramref name="nextVerificationAt"/>, the provider's scheduled verification moves there.
    /// </summary>
    Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken);

    /// <summary>Whether a run holds the provider's lease now.</summary>
    Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> providers whose scheduled verification is due and that no run holds,
    /// longest overdue first, taking their leases for run <paramref name="runId"/> (one id for the batch; each
    /// provider's run ends its own lease). Replicas claiming at once never get the same provider. <paramref name="runId"/>
    /// is new for each call: the leases it holds already are the claim (a statement sent again after its answer was lost).
    /// </summary>
    Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);
}
