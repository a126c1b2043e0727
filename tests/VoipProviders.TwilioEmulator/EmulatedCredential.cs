namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of a SIP credential (CR...), including the password as received (Twilio never returns it).</summary>
public sealed record EmulatedCredential
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public required string CredentialListSid { get; init; }

    public required string Username { get; init; }

    public required string Password { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}
