using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VoipProviders.Domain.Twilio;

/// <summary>
/// A Twilio Auth Token as it travels through the module before it is protected: it can hold whatever a caller sent
/// (so validation can name the field), knows the one shape Twilio issues, and never prints itself —
/// <see cref="ToString"/> is redacted, so records, log scopes and exception messages that include it stay clean.
/// Only <see cref="Reveal"/> gives the plaintext, for the Twilio call and for encryption.
/// </summary>
public sealed partial class TwilioAuthToken : IEquatable<TwilioAuthToken>
{
    /// <summary>32 lowercase hexadecimal characters, exactly.</summary>
    public const string Pattern = "^[a-f0-9]{32}$";

    public const string Redacted = "[redacted]";

    private readonly string _value;

    private TwilioAuthToken(string value) => _value = value;

    /// <summary>Wraps untrusted input, well-formed or not; null becomes empty.</summary>
    public static TwilioAuthToken From(string? value) => new(value ?? string.Empty);

    /// <summary>Whether the text has the shape of an Auth Token ('$' in .NET also matches before a final newline, hence the length check).</summary>
    public static bool IsWellFormed(string? value) => value is { Length: 32 } && ShapeRegex().IsMatch(value);

    public bool IsWellFormed() => IsWellFormed(_value);

    public bool IsEmpty => _value.Length == 0;

    /// <summary>The plaintext. Call it only where the token leaves for Twilio or for encryption.</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;

    /// <summary>Compares in constant time, so equality checks do not leak how much of a token matched.</summary>
    public bool Equals(TwilioAuthToken? other) =>
        other is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    public override bool Equals(object? obj) => Equals(obj as TwilioAuthToken);

    public override int GetHashCode() => _value.Length;

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex ShapeRegex();
}
