namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of a SIP credential list (CL...) with its credentials and the trunks it is associated with.</summary>
public sealed record EmulatedCredentialList
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public required string FriendlyName { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }

    public IReadOnlyList<EmulatedCredential> Credentials { get; init; } = [];

    public IReadOnlyList<string> TrunkSids { get; init; } = [];
}
