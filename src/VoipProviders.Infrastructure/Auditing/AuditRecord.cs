namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// One row of the append-only audit trail (a trigger refuses updates). It names the provider by id only, so it outlives
/// the provider; the retention clean-up is the only thing that deletes it.
/// </summary>
internal sealed class AuditRecord
{
    public required Guid Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string OrganizationId { get; init; }

    public Guid? ProviderId { get; init; }

    public required string Action { get; init; }

    public required string Outcome { get; init; }

    public required string ActorType { get; init; }

    public required string ActorId { get; init; }

    public string? SourceAddress { get; init; }

    public string? TraceId { get; init; }

    /// <summary>Non-secret details as JSON (camelCase).</summary>
    public required string Details { get; init; }
}
