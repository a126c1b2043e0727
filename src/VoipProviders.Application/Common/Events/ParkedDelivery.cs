namespace VoipProviders.Application.Common.Events;

/// <summary>A delivery of an event to one handler that gave up after its last attempt.</summary>
public sealed record ParkedDelivery(
    Guid EventId,
    string EventType,
    string Handler,
    string OrganizationId,
    Guid ProviderId,
    long Sequence,
    int Attempts,
    string? LastError,
    DateTimeOffset OccurredAt,
    DateTimeOffset ParkedAt);
