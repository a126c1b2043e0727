using Microsoft.Extensions.DependencyInjection;

namespace VoipProviders.Application.Providers;

/// <summary>Plugs a provider type into the generic provider endpoints (list, get, delete, verify, the sweep).</summary>
public static class ProviderTypeServices
{
    /// <summary>
    /// Registers a provider type: its discriminator, its DTO, and how it is read, deleted and checked. Its verification
    /// store (<see cref="Verification.IProviderVerificationStore"/>) is registered with its persistence.
    /// </summary>
    public static IServiceCollection AddProviderType<TResponse, TReadModel, TDeletion, TChecks>(this IServiceCollection services, ProviderType type)
        where TResponse : ProviderResponse
        where TReadModel : class, IProviderReadModel
        where TDeletion : class, IProviderDeletion
        where TChecks : class, IProviderChecks
    {
        ProviderResponseJsonConverter.Register(type, typeof(TResponse));
        services.AddSingleton(new ProviderTypeRegistration(type, typeof(TResponse)));
        services.AddScoped<IProviderReadModel, TReadModel>();
        services.AddScoped<IProviderDeletion, TDeletion>();
        services.AddScoped<IProviderChecks, TChecks>();
        return services;
    }
}
