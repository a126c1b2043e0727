using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Providers;

/// <summary>The generic provider feature's part of the host: the start-up check that every provider type is complete.</summary>
internal sealed class ProvidersInfrastructureServices : IFeatureServices
{
    public void AddServices(IServiceCollection services) => services.AddHostedService<ProviderTypesStartupCheck>();
}
