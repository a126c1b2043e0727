using Mapster;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Mapster configuration for imported numbers (in memory and as EF Core projections).</summary>
public sealed class PhoneNumberMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<ImportedPhoneNumber, PhoneNumberResponse>()
            .Map(d => d.ProviderId, s => s.ProviderId.Value);
    }
}
