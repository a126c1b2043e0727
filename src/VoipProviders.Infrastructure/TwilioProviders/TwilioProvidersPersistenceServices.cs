using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Calling;
using VoipProviders.Infrastructure.TwilioProviders.BackgroundWork;
using VoipProviders.Infrastructure.TwilioProviders.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders;

/// <summary>Where Twilio providers are kept: their rows, leases, connect claims, provisioning intents, clean-ups, rollouts, the inbound directory and the stuck work an operator sees.</summary>
internal sealed class TwilioProvidersPersistenceServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ITwilioProviderRepository, TwilioProviderRepository>();
        services.AddScoped<ITwilioProviderReadModel, TwilioProviderReadModel>();
        services.AddScoped<IAuthTokenRotations, AuthTokenRotations>();
        services.AddScoped<ITwilioResourceCleanupRepository, TwilioResourceCleanupRepository>();
        services.AddScoped<IProviderVerificationStore, TwilioProviderVerificationStore>();
        services.AddScoped<IConnectClaims, ConnectClaims>();
        services.AddScoped<IProvisioningIntents, ProvisioningIntents>();
        services.AddSingleton<ITwilioCleanupQueue, TwilioCleanupQueue>();
        services.AddScoped<IOriginationRollouts, OriginationRollouts>();
        services.AddSingleton<ISipCredentialRetirements, SipCredentialRetirements>();
        services.AddSingleton<IInboundCallDirectory, InboundCallDirectory>();
        services.AddSingleton<IBackgroundWorkSource, AbandonedCleanupsBackgroundWork>();
        services.AddSingleton<IBackgroundWorkSource, ProvisioningIntentsBackgroundWork>();
        services.AddSingleton<IBackgroundWorkSource, OverdueVerificationsBackgroundWork>();
    }
}
