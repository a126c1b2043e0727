using System.Text.Json;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// Reads the stored <c>verification_details</c> (jsonb) back into checks with one parse for the whole column: every
/// detail value is an element of that one document (a serializer reading <c>object</c> values would clone a document
/// per value), and each check's details come in ordinal key order — jsonb does not keep the order they were written
/// in, and responses show them in that order without copying them again.
/// </summary>
internal static class StoredVerificationChecks
{
    public static List<VerificationCheck> Read(string json)
    {
        var root = JsonElement.Parse(json);
        var checks = new List<VerificationCheck>(root.GetArrayLength());
        foreach (var item in root.EnumerateArray())
        {
            checks.Add(new VerificationCheck(
                item.GetProperty("checkName").GetString()!,
                Enum.Parse<VerificationCheckStatus>(item.GetProperty("status").GetString()!, ignoreCase: true),
                item.GetProperty("message").GetString()!,
                item.GetProperty("timestamp").GetDateTimeOffset(),
                DetailsOf(item)));
        }

        return checks;
    }

    private static Dictionary<string, object> DetailsOf(JsonElement check)
    {
        if (!check.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, object>(StringComparer.Ordinal);
        }

        var pairs = new List<KeyValuePair<string, object>>();
        foreach (var property in details.EnumerateObject())
        {
            pairs.Add(new KeyValuePair<string, object>(property.Name, property.Value));
        }

        pairs.Sort(static (left, right) => string.CompareOrdinal(left.Key, right.Key));
        return new Dictionary<string, object>(pairs, StringComparer.Ordinal);
    }
}
