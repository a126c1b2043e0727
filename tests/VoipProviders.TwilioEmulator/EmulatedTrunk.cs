namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of an Elastic SIP trunk (TK...) with its associations.</summary>
public sealed record EmulatedTrunk
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public string? FriendlyName { get; init; }

    public string? DomainName { get; init; }

    /// <summary>disable-all | enable-all | sip-only.</summary>
    public string TransferMode { get; init; } = "disable-all";

    /// <summary>from-transferee | from-transferor.</summary>
    public string TransferCallerId { get; init; } = "from-transferee";

    public bool Secure { get; init; }

    public bool CnamLookupEnabled { get; init; }

    public string? DisasterRecoveryUrl { get; init; }

    /// <summary>GET | POST.</summary>
    public string DisasterRecoveryMethod { get; init; } = "POST";

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }

    public IReadOnlyList<string> CredentialListSids { get; init; } = [];

    public IReadOnlyList<string> PhoneNumberSids { get; init; } = [];

    public IReadOnlyList<EmulatedOriginationUrl> OriginationUrls { get; init; } = [];
}
