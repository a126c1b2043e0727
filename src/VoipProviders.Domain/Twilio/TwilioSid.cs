using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace VoipProviders.Domain.Twilio;

/// <summary>Shapes of the Twilio identifiers the module stores or sends to Twilio.</summary>
public static partial class TwilioSid
{
    public const string AccountSidPattern = "^AC[a-f0-9]{32}$";

    // The length checks matter: in .NET, '$' also matches before a final "\n".
    public static bool IsAccountSid([NotNullWhen(true)] string? value) => value is { Length: 34 } && AccountSidRegex().IsMatch(value);

    /// <summary>True for a 34-character SID with the given two-letter prefix (the SDK splices SIDs into paths unescaped).</summary>
    public static bool Is(string prefix, string? value) =>
        value is { Length: 34 } && value.StartsWith(prefix, StringComparison.Ordinal) && AnySidRegex().IsMatch(value);

    [GeneratedRegex(AccountSidPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AccountSidRegex();

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AnySidRegex();
}
