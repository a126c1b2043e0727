using FluentValidation;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Validation rules of the phone number use cases. Messages never echo the value.</summary>
internal static class PhoneNumberRules
{
    public const int MaxSearchLength = 16;

    /// <summary>A part of an E.164 number to search for: digits, optionally after a leading '+'.</summary>
    public static IRuleBuilderOptions<T, string> PhoneNumberSearch<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => value.Length is > 0 and <= MaxSearchLength
                && value.Select((c, i) => char.IsAsciiDigit(c) || (i == 0 && c == '+')).All(ok => ok))
            .WithMessage($"phoneNumber must be 1 to {MaxSearchLength} characters: digits, optionally after a leading '+'.");

    public static IRuleBuilderOptions<T, Guid> PhoneNumberId<T>(this IRuleBuilder<T, Guid> rule) =>
        rule.NotEmpty().WithMessage("phoneNumberId must be a non-empty UUID.");
}
