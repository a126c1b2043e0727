namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// One event owed to one handler, written with the event. Deleted once the handler has taken it; kept as
/// <see cref="IntegrationEventDeliveryStatus.Parked"/> when it ran out of attempts.
/// </summary>
internal sealed class IntegrationEventDelivery
{
    public const int MaxHandlerLength = 300;

    public required Guid EventId { get; init; }

    /// <summary>The handler's full type name: the subscription's identity.</summary>
    public required string Handler { get; init; }

    public required Guid ProviderId { get; init; }

    /// <summary>Copied from the event by a trigger: the order this handler takes the provider's events in.</summary>
    public long Sequence { get; init; }

    public IntegrationEventDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public required DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The last failure's exception type and message (truncated).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? ParkedAt { get; set; }
}
