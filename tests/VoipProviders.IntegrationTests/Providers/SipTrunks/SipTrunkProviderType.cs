using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>
/// The test-only provider type: new files in the test project plus this one registration — nothing in src changes for
/// it, and the generic provider endpoints serve it next to Twilio.
/// </summary>
public static class SipTrunkProviderType
{
    public static ProviderType Type { get; } = new("sipTrunk");

    public static IServiceCollection AddSipTrunkProviderType(this IServiceCollection services) =>
        services
            .AddProviderType<SipTrunkProviderResponse, SipTrunkReadModel, SipTrunkDeletion, SipTrunkChecks>(Type)
            .AddScoped<IProviderVerificationStore, SipTrunkVerificationStore>()
            .AddSingleton<SipTrunkDirectory>();
}
