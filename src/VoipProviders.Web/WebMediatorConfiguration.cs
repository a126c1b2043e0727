using Mediator;
using VoipProviders.Application.Common.Behaviours;

namespace VoipProviders.Web;

/// <summary>
/// The source-generated mediator lives in this host only. Behaviours run in this order: tracing (a span per message),
/// logging (inside the span, so its records carry the trace), validation, then the
/// unit of work (commands only) around the handler, and inside it the Idempotency-Key's response (commands only), which
/// the unit of work's commit stores.
/// </summary>
internal static class WebMediatorConfiguration
{
    public static IServiceCollection AddVoipProvidersMediator(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // The contracts assembly holds the queries other modules send (GetDialOutRouteQuery, ResolveInboundCallQuery).
            options.Assemblies = [typeof(Application.DependencyInjection), typeof(Contracts.IntegrationEvent)];
            options.PipelineBehaviors =
            [
                typeof(TracingBehaviour<,>),
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
                typeof(IdempotentResponseBehaviour<,>),
            ];
        });
}
