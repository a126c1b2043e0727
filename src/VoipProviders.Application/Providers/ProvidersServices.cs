using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Auditing;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.Application.Providers;

/// <summary>The generic provider feature: the registry of provider types and the verification machinery they share.</summary>
internal sealed class ProvidersServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ProviderTypes>();
        services.AddScoped<ProviderVerifier>();
        services.AddSingleton<VerificationMetrics>();
        services.AddScoped<ProviderChanges>();
        services.AddScoped<VerificationAfterChange>();
        services.AddSingleton<VerificationThrottle>();
        services.AddSingleton<VerificationsInFlight>();
        services.AddScoped<IAuditedProviders, AuditedProviders>();
    }
}
