using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Infrastructure.PhoneNumbers.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers;

/// <summary>Where imported numbers are kept and read from.</summary>
internal sealed class PhoneNumbersPersistenceServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IImportedPhoneNumberRepository, ImportedPhoneNumberRepository>();
        services.AddScoped<IPhoneNumberReadModel, PhoneNumberReadModel>();
        services.AddScoped<IPhoneNumberImports, PhoneNumberImports>();
    }
}
