using System.Globalization;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Parsing of form values the way Twilio accepts them; each returns an error result or null.</summary>
internal static class FormRules
{
    public const int MaxFriendlyNameLength = 64;

    public static TwilioResult? Bool(TwilioCall call, string name, ref bool value)
    {
        if (call.FormValue(name) is not { } raw)
        {
            return null;
        }

        if (!bool.TryParse(raw, out value))
        {
            return TwilioResult.BadRequest($"{name} must be 'true' or 'false', got '{raw}'");
        }

        return null;
    }

    public static TwilioResult? Int(TwilioCall call, string name, int min, int max, ref int value)
    {
        if (call.FormValue(name) is not { } raw)
        {
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return TwilioResult.BadRequest($"{name} must be an integer between {min} and {max}, got '{raw}'");
        }

        value = parsed;
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive; the canonical spelling is stored).</summary>
    public static TwilioResult? Choice(TwilioCall call, string name, string[] allowed, ref string value)
    {
        if (call.FormValue(name) is not { } raw)
        {
            return null;
        }

        var match = Array.Find(allowed, a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return TwilioResult.BadRequest($"{name} must be one of {string.Join(", ", allowed)}, got '{raw}'");
        }

        value = match;
        return null;
    }

    public static TwilioResult? FriendlyName(string? value) =>
        value is { Length: > MaxFriendlyNameLength }
            ? TwilioResult.BadRequest($"FriendlyName must be at most {MaxFriendlyNameLength} characters long")
            : null;
}
