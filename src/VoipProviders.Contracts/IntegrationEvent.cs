namespace VoipProviders.Contracts;

/// <summary>
/// A fact this module tells the rest of the monolith about. It is stored in the transaction of the change behind it
/// (an uncommitted change publishes nothing, a committed one is never lost) and delivered to every
/// <see cref="IIntegrationEventHandler{TEvent}"/> at least once, in commit order per provider. Never carries a secret.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique, and the same on every redelivery: a handler that has seen it may skip it.</summary>
    public Guid EventId { get; init; }

    /// <summary>When the change was made (the module's clock).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public string OrganizationId { get; init; } = string.Empty;

    public Guid ProviderId { get; init; }

    /// <summary>
    /// The provider's version after the change (its ETag's number). Changes the tenant does not make (verification,
    /// rollouts, imports) keep the version; <see cref="Sequence"/> orders every event of a provider.
    /// </summary>
    public long ProviderVersion { get; init; }

    /// <summary>
    /// The event's place among its provider's events: 1, 2, 3… without gaps, in commit order. Handlers see a provider's
    /// events in this order; a redelivered or operator-retried event may repeat an earlier number.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the request or job that made the change, when there was one.</summary>
    public string? TraceParent { get; init; }
}
