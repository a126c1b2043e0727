namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// A background job a command enqueued, stored in the command's own transaction. It leaves this table once the
/// scheduler holds it (the scheduler's tables are durable from then on).
/// </summary>
public sealed class OutboxJob
{
    public const int MaxJobNameLength = 100;

    public required Guid Id { get; init; }

    /// <summary>The job's stable name (see <c>BackgroundJobAttribute</c>).</summary>
    public required string JobName { get; init; }

    /// <summary>The job record as JSON: ids only, never a secret.</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When the job may start at the earliest; null for as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
