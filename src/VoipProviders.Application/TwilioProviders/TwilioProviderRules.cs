using FluentValidation;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Validation rules shared by the provider commands and queries. Messages never echo the value.</summary>
internal static class TwilioProviderRules
{
    public static IRuleBuilderOptions<T, string> OrganizationId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("organizationId is required.")
            .MaximumLength(TwilioProvider.MaxOrganizationIdLength)
            .WithMessage($"organizationId must be at most {TwilioProvider.MaxOrganizationIdLength} characters.")
            .Must(id => id is null || id.All(TwilioProvider.IsAllowedInOrganizationId))
            .WithMessage("organizationId must not contain control characters or whitespace.");

    public static IRuleBuilderOptions<T, string> AccountSid<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("accountSid is required.")
            .Must(TwilioSid.IsAccountSid)
            .WithMessage("accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");

    public static IRuleBuilderOptions<T, TwilioAuthToken> AuthToken<T>(this IRuleBuilder<T, TwilioAuthToken> rule) =>
        rule.Must(token => token is { IsEmpty: false }).WithMessage("authToken is required.")
            .Must(token => token.IsWellFormed())
            .WithMessage("authToken must be exactly 32 lowercase hexadecimal characters.");

    public static IRuleBuilderOptions<T, Guid> ProviderId<T>(this IRuleBuilder<T, Guid> rule) =>
        rule.NotEmpty().WithMessage("id must be a non-empty UUID.");

    public static IRuleBuilderOptions<T, string> Name<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(TwilioProvider.IsValidName)
            .WithMessage($"name must be 1 to {TwilioProvider.MaxNameLength} characters, not blank, without control, line-separator or bidirectional-override characters.");

    public static IRuleBuilderOptions<T, string> Region<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(region => TwilioRegion.TryFromCode(region, out _))
            .WithMessage($"region must be one of: {string.Join(", ", TwilioRegion.Codes)}.");
}
