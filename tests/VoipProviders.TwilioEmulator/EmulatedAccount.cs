namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of an emulated Twilio account.</summary>
public sealed record EmulatedAccount
{
    public required string Sid { get; init; }

    public required string AuthToken { get; init; }

    public required string FriendlyName { get; init; }

    public EmulatedAccountStatus Status { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}
