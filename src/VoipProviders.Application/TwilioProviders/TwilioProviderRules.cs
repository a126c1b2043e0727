using FluentValidation;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Validation rules of the Twilio provider commands. Messages never echo the value.</summary>
internal static class TwilioProviderRules
{
    public static IRuleBuilderOptions<T, TwilioAuthToken> AuthToken<T>(this IRuleBuilder<T, TwilioAuthToken> rule) =>
        rule.Must(token => token is { IsEmpty: false }).WithMessage("authToken is required.")
            .Must(token => token.IsWellFormed())
            .WithMessage("authToken must be exactly 32 lowercase hexadecimal characters.");

    public static IRuleBuilderOptions<T, string> Region<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(region => TwilioRegion.TryFromCode(region, out _))
            .WithMessage($"region must be one of: {string.Join(", ", TwilioRegion.Codes)}.");
}
