using FluentValidation;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>Validation rules every provider type shares. Messages never echo the value.</summary>
internal static class ProviderRules
{
    public static IRuleBuilderOptions<T, string> Name<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(ProviderName.IsValid)
            .WithMessage($"name must be 1 to {ProviderName.MaxLength} characters, not blank, without control, line-separator or bidirectional-override characters.");
}
