using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Events;

namespace VoipProviders.Infrastructure.Events;

/// <summary>The transactional outbox of integration events and their durable, per-handler delivery (ADR-015).</summary>
internal static class IntegrationEventsRegistration
{
    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<IntegrationEventsMetrics>();
        services.AddSingleton<IntegrationEventSubscriptions>();
        services.AddSingleton<IntegrationEventSignal>();
        services.AddSingleton<IntegrationEventDispatcher>();
        services.AddScoped<IIntegrationEventOutbox, IntegrationEventOutbox>();
        services.AddSingleton<IIntegrationEventDeliveries, IntegrationEventDeliveries>();
        services.AddSingleton<IBackgroundWorkSource, ParkedDeliveriesBackgroundWork>();
        return services;
    }
}
