using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>What imports and removals of numbers use beside their handlers, and the replica's cache of account listings.</summary>
internal sealed class PhoneNumbersServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PhoneNumberDetacher>();
        services.TryAddSingleton<IPhoneNumberImportCheckpoints, NoPhoneNumberImportCheckpoints>();
        services.AddSingleton<AvailablePhoneNumberListCache>();
        services.AddScoped<IAvailablePhoneNumberListInvalidation, AvailablePhoneNumberListInvalidation>();
    }
}
