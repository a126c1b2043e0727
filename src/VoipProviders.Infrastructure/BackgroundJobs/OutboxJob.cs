namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// A background job a command enqueued, stored in the command's own transaction. It leaves this table once the
/// scheduler holds it (the scheduler's tables are durable from then on).
/// </summary>
public sealed class OutboxJob
{
    public const int MaxJobNameLength = 100;

    /// <summary>The W3C limit of a <c>tracestate</c> header.</summary>
    public const int MaxTraceStateLength = 512;

    public required Guid Id { get; init; }

    /// <summary>The job's stable name (see <c>BackgroundJobAttribute</c>).</summary>
    public required string JobName { get; init; }

    /// <summary>The job record as JSON: ids only, never a secret.</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When the job may start at the earliest; null for as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that queued the job (a request, another job), or null when nothing was
    /// traced: the job's run starts a trace of its own that links to it (ADR-020).
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that went with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; init; }
}
