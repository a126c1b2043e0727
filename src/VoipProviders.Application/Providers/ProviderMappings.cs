using Mapster;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>Mapster configuration of what every provider type shows alike: the outcome of a verification.</summary>
public sealed class ProviderMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<IVerifiableProvider, ProviderVerificationResponse>()
            .Map(d => d.Status, s => s.VerificationStatus)
            .Map(d => d.Checks, s => VerificationCheckResponses.From(s.VerificationChecks) ?? new List<VerificationCheckResponse>())
            .Map(d => d.LastVerifiedAt, s => s.LastVerifiedAt);
    }
}
