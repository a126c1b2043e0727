using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Common.Idempotency;

namespace VoipProviders.Application;

/// <summary>
/// Registers what the application layer's conventions find: validators and mappings. Features bring their own services
/// (<see cref="Common.Configuration.IFeatureServices"/>), settings and jobs, which the module's composition picks up.
/// The mediator itself is registered by the host (source-generated there).
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddVoipProvidersApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);

        var mappings = new TypeAdapterConfig();
        mappings.Scan(typeof(DependencyInjection).Assembly);
        mappings.Compile();
        services.AddSingleton(mappings);
        services.AddScoped<IdempotencyContext>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
