namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of an incoming phone number (PN...) owned by an account.</summary>
public sealed record EmulatedPhoneNumber
{
    public required string Sid { get; init; }

    public required string AccountSid { get; init; }

    /// <summary>E.164, e.g. +14155550100.</summary>
    public required string PhoneNumber { get; init; }

    public required string FriendlyName { get; init; }

    /// <summary>The trunk the number is attached to, or null.</summary>
    public string? TrunkSid { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}
