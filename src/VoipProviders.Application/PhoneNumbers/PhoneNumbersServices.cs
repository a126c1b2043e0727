using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The phone-number feature's services: the replica's cache of account listings and its invalidation.</summary>
internal sealed class PhoneNumbersServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<AvailablePhoneNumberListCache>();
        services.AddScoped<IAvailablePhoneNumberListInvalidation, AvailablePhoneNumberListInvalidation>();
    }
}
