using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Infrastructure.Providers.Persistence;

namespace VoipProviders.Infrastructure.Providers;

/// <summary>
/// The generic provider feature's part of the host: the start-up check that every provider type is complete, and the
/// organizations' provider settings.
/// </summary>
internal sealed class ProvidersInfrastructureServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddHostedService<ProviderTypesStartupCheck>();
        services.AddScoped<IOrganizationProviderSettingsRepository, OrganizationProviderSettingsRepository>();
    }
}
