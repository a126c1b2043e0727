using System.Text.Json;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.Providers;

/// <summary>The filter values of the provider list, spelled as the JSON API spells the enums (camelCase, exact).</summary>
internal static class ProviderFilters
{
    public static IReadOnlyList<string> ProviderTypeNames { get; } = NamesOf<ProviderType>();

    public static IReadOnlyList<string> VerificationStatusNames { get; } = NamesOf<VerificationStatus>();

    public static bool TryParseProviderType(string? value, out ProviderType type) => TryParse(value, out type);

    public static bool TryParseVerificationStatus(string? value, out VerificationStatus status) => TryParse(value, out status);

    private static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(NameOf(candidate), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    private static string[] NamesOf<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(NameOf)];

    private static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
