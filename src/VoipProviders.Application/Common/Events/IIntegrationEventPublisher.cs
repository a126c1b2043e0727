using VoipProviders.Application.Contracts;

namespace VoipProviders.Application.Common.Events;

/// <summary>Delivers integration events to the handlers other modules registered.</summary>
public interface IIntegrationEventPublisher
{
    /// <summary>Best effort: a failing handler is logged, never thrown (the change has committed already).</summary>
    Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent;
}
