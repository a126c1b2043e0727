using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.TwilioProviders.Verification;

namespace VoipProviders.Application;

/// <summary>Registers the application layer. The mediator itself is registered by the host (source-generated there).</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddVoipProvidersApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);

        var mappings = new TypeAdapterConfig();
        mappings.Scan(typeof(DependencyInjection).Assembly);
        mappings.Compile();
        services.AddSingleton(mappings);

        services.AddScoped<TwilioTrunkProvisioner>();
        services.AddScoped<TwilioProviderChecks>();
        services.AddScoped<ProviderVerifier>();
        services.AddScoped<VerificationAfterChange>();
        services.AddScoped<VerificationSweep>();
        services.AddSingleton<VerificationThrottle>();
        services.AddSingleton<VerificationsInFlight>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
