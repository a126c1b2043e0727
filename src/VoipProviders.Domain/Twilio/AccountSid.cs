using System.Diagnostics.CodeAnalysis;

namespace VoipProviders.Domain.Twilio;

/// <summary>
/// A Twilio Account SID: 'AC' and 32 lowercase hexadecimal characters. Parsed once where it enters the module (the
/// connect request's JSON, in-process callers); past that, an instance is always well-formed.
/// </summary>
public readonly record struct AccountSid
{
    private readonly string? _value;

    private AccountSid(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("An AccountSid was used before it was parsed.");

    /// <summary>True for <c>default</c>: an instance that was never parsed and holds no Account SID.</summary>
    public bool IsDefault => _value is null;

    /// <exception cref="ArgumentException">This instance was never parsed (<c>default</c>).</exception>
    public void ThrowIfDefault(string paramName)
    {
        if (IsDefault)
        {
            throw new ArgumentException("An Account SID is required.", paramName);
        }
    }

    public static bool TryParse([NotNullWhen(true)] string? value, out AccountSid accountSid)
    {
        accountSid = TwilioSid.IsAccountSid(value) ? new AccountSid(value) : default;
        return accountSid._value is not null;
    }

    /// <exception cref="ArgumentException">Not an Account SID (the message never contains the value).</exception>
    public static AccountSid Parse(string? value) =>
        TryParse(value, out var accountSid)
            ? accountSid
            : throw new ArgumentException("An Account SID is 'AC' followed by 32 lowercase hexadecimal characters.", nameof(value));

    /// <summary>The value; empty for an instance that was never parsed (ToString never throws).</summary>
    public override string ToString() => _value ?? string.Empty;
}
