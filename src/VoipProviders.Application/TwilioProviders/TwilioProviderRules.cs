using FluentValidation;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Validation rules shared by the provider commands and queries. Messages never echo the value.</summary>
internal static class TwilioProviderRules
{
    public static IRuleBuilderOptions<T, string> OrganizationId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("organizationId is required.")
            .MaximumLength(TwilioProvider.MaxOrganizationIdLength)
            .WithMessage($"organizationId must be at most {TwilioProvider.MaxOrganizationIdLength} characters.");

    public static IRuleBuilderOptions<T, string> AccountSid<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("accountSid is required.")
            .Must(TwilioSid.IsAccountSid)
            .WithMessage("accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");

    public static IRuleBuilderOptions<T, string> AuthToken<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("authToken is required.")
            .Must(TwilioSid.IsAuthToken)
            .WithMessage("authToken must be exactly 32 lowercase hexadecimal characters.");

    public static IRuleBuilderOptions<T, Guid> ProviderId<T>(this IRuleBuilder<T, Guid> rule) =>
        rule.NotEmpty().WithMessage("id must be a non-empty UUID.");
}
