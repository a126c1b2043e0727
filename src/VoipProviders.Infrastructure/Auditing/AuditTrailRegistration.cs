using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>The append-only audit trail, its token fingerprints and who the actor of a change is.</summary>
internal static class AuditTrailRegistration
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddScoped<AuditActorScope>();
        // The host may know better (the request's token): it registers its own provider, which falls back on this scope.
        services.TryAddScoped<IAuditActorProvider>(provider => provider.GetRequiredService<AuditActorScope>());
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddSingleton<ModuleKeys>();
        services.AddSingleton<ISecretFingerprint, SecretFingerprint>();
        return services;
    }
}
