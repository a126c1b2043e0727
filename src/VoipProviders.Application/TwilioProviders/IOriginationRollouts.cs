using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// What the origination rollout reads and claims: providers whose origination URLs are not in line with the settings,
/// a lease per provider so that two replicas (or the rollout and a job after a change) never work on one trunk at once,
/// and which replica's settings are the newest.
/// </summary>
public interface IOriginationRollouts
{
    /// <summary>
    /// Up to <paramref name="max"/> providers whose stored revision is neither <paramref name="plainRevision"/> (a trunk
    /// without secure trunking) nor <paramref name="secureRevision"/> (with it), and whom no lease holds; oldest first.
    /// </summary>
    Task<IReadOnlyList<ProviderId>> FindStaleAsync(string plainRevision, string secureRevision, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the provider's lease as <paramref name="leaseId"/> until <paramref name="until"/> and commits it at once;
    /// false when another holds it (or the provider is gone). A lease already held as <paramref name="leaseId"/> is this
    /// one, taken by an attempt whose answer was lost (the statement is sent again). The id, not the end time, names
    /// the holder: two replicas may well compute the same end to the microsecond.
    /// </summary>
    Task<bool> TryLeaseAsync(ProviderId providerId, Guid leaseId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives back the provider's lease taken as <paramref name="leaseId"/>, committed at once; a lease another has taken since stays.</summary>
    Task ReleaseAsync(ProviderId providerId, Guid leaseId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a replica started at <paramref name="startedAt"/> with settings <paramref name="revision"/> and
    /// answers the revision of the newest settings any replica started with. A replica whose settings are older (a
    /// rolling deploy that changes them is half done) leaves the rollout to the newer ones, so the two never undo each other.
    /// </summary>
    Task<string> RecordSettingsAsync(string revision, DateTimeOffset startedAt, CancellationToken cancellationToken);
}
