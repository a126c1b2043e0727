namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Written in the same transaction as a unit of work's changes: if the connection fails while COMMIT is on its way,
/// the marker's presence tells afterwards whether the commit took effect. Markers are deleted after a day
/// (<see cref="BackgroundJobs.ExpiredRecordsCleanupJob"/>).
/// </summary>
internal sealed class CommitMarker
{
    public Guid Id { get; init; }

    public DateTimeOffset CommittedAt { get; init; }
}
