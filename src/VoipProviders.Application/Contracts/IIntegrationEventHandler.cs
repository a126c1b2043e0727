namespace VoipProviders.Application.Contracts;

/// <summary>
/// Implemented by other modules and registered in DI (any number per event) to hear about <typeparamref name="TEvent"/>.
/// Delivery is in-process, after the commit, once per handler; a handler that throws is logged and does not affect the
/// others or the request. Handlers should be quick and idempotent.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
