using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Twilio SIDs (2-letter prefix + 32 lowercase hex) and auth tokens (32 lowercase hex).</summary>
internal static class Sids
{
    private static readonly Regex AccountSidPattern = new("^AC[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);

    public static string New(string prefix) => prefix + NewToken();

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsAccountSid(string value) => AccountSidPattern.IsMatch(value);
}
