using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>What imports and removals of numbers use beside their handlers.</summary>
internal sealed class PhoneNumbersServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PhoneNumberDetacher>();
        services.TryAddSingleton<IPhoneNumberImportCheckpoints, NoPhoneNumberImportCheckpoints>();
    }
}
