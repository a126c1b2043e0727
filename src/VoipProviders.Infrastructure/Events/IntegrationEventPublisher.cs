using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Contracts;

namespace VoipProviders.Infrastructure.Events;

/// <summary>Hands an event to every handler other modules registered in DI, one after the other; a failure is logged and skipped.</summary>
internal sealed class IntegrationEventPublisher(IServiceProvider services, ILogger<IntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            try
            {
                await handler.HandleAsync(integrationEvent, cancellationToken);
            }
#pragma warning disable CA1031 // The change committed: one module failing to hear of it must not fail the request or the others.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.HandlerFailed(exception, typeof(TEvent).Name, handler.GetType().FullName ?? handler.GetType().Name);
            }
        }
    }
}
