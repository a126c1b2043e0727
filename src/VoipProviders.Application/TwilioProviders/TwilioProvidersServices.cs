using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Jobs;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Application.TwilioProviders.Verification;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The Twilio provider type: plugged into the generic provider endpoints, and the trunks numbers are imported onto.</summary>
internal sealed class TwilioProvidersServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddProviderType<TwilioProviderResponse, TwilioProviderReads, TwilioProviderDeletion, TwilioProviderChecks>(TwilioProviderKind.Type);
        services.AddScoped<IPhoneNumberTrunks, TwilioPhoneNumberTrunks>();
        services.AddScoped<TwilioTrunkProvisioner>();
        services.AddScoped<TwilioCleanupRun>();
        services.AddSingleton<OriginationPlan>();
        services.AddScoped<OriginationSync>();
        services.AddScoped<AuthTokenRotationLifecycle>();
        services.TryAddSingleton<IAuthTokenRotationCheckpoints, NoAuthTokenRotationCheckpoints>();
        services.AddScoped<RepairPlanner>();
        services.AddScoped<ProviderRepairer>();
        services.AddScoped<RepairLeftovers>();
        services.AddScoped<IVerificationFollowUp, AutoRepairAfterVerification>();
        services.TryAddSingleton<IRepairCheckpoints, NoRepairCheckpoints>();
    }
}
