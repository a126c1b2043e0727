namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of a trunk origination URL (OU...).</summary>
public sealed record EmulatedOriginationUrl
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    public required string TrunkSid { get; init; }

    public required string FriendlyName { get; init; }

    public required string SipUrl { get; init; }

    public int Weight { get; init; }

    public int Priority { get; init; }

    public bool Enabled { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}
