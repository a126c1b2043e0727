using System.Text.Json;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>The verification status filter of the provider list, spelled as the JSON API spells it (camelCase, exact).</summary>
internal static class ProviderFilters
{
    public static IReadOnlyList<string> VerificationStatusNames { get; } = NamesOf<VerificationStatus>();

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
