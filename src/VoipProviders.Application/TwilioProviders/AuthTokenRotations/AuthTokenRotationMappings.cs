using Mapster;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>Mapster configuration of the rotation DTO: enums in the API's snake_case words, the failure as one object.</summary>
public sealed class AuthTokenRotationMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<AuthTokenRotation, AuthTokenRotationResponse>()
            .Map(d => d.ProviderId, s => s.ProviderId.Value)
            .Map(d => d.Status, s => AuthTokenRotationWords.Of(s.Status))
            .Map(d => d.Step, s => AuthTokenRotationWords.Of(s.Step))
            .Map(d => d.Trigger, s => AuthTokenRotationWords.Of(s.Trigger))
            .Map(d => d.Failure, s => s.FailureCode == null ? null : new AuthTokenRotationFailureResponse(s.FailureCode, s.FailureMessage ?? string.Empty));
    }
}
