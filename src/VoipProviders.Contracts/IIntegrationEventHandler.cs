namespace VoipProviders.Contracts;

/// <summary>
/// Implemented by other modules and registered in DI with its concrete type (any number per event) to hear about
/// <typeparamref name="TEvent"/>. Delivery is durable and tracked per handler: at least once, in commit order per
/// provider, retried with backoff when the handler throws (the other handlers are not called again), and parked after
/// <c>IntegrationEvents:MaxAttempts</c> for an operator to retry. The handler's full type name is its delivery identity:
/// renaming it starts a new subscription. Handlers must be idempotent (skip an <see cref="IntegrationEvent.EventId"/>
/// already seen).
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
