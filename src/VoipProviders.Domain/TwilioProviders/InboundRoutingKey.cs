using System.Security.Cryptography;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// The key that tells the platform's SIP ingress which provider an inbound call came through: random, DNS-label-safe (it
/// may be the first label of the origination URL's host), unique, and never derived from anything a caller controls.
/// </summary>
public static class InboundRoutingKey
{
    public const int Length = 24;

    /// <summary>Lowercase letters and digits: safe in a DNS label and in a SIP URI user part.</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The shape of a key: what the inbound resolution accepts (older keys were 32 hexadecimal characters).</summary>
    public const string Pattern = "^[a-z0-9]{20,63}$";

    /// <summary>A new key from the OS CSPRNG: 24 characters of 36, about 124 bits.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="value"/> has the shape of a key (20 to 63 lowercase letters and digits).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= 20 and <= 63 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
