namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// An integration event as the outbox keeps it, written in the transaction of the change behind it. A trigger gives it
/// its <see cref="Sequence"/> among its provider's events (gapless, in commit order). Deleted after
/// <c>IntegrationEvents:RetentionDays</c> once no delivery of it is left.
/// </summary>
internal sealed class StoredIntegrationEvent
{
    public const int MaxEventTypeLength = 100;

    public required Guid Id { get; init; }

    /// <summary>The contract's type name (<c>ProviderConnected</c>): stable, part of the contract.</summary>
    public required string EventType { get; init; }

    public required string OrganizationId { get; init; }

    public required Guid ProviderId { get; init; }

    public required long ProviderVersion { get; init; }

    /// <summary>Its place among the events its unit of work adds for the provider (1, 2, …); the trigger turns it into <see cref="Sequence"/>.</summary>
    public required int Ordinal { get; init; }

    public long Sequence { get; init; }

    /// <summary>The event as JSON (camelCase), without its sequence. Never a secret.</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? TraceParent { get; init; }
}
