namespace VoipProviders.TwilioEmulator;

/// <summary>Snapshot of an emulated Twilio account.</summary>
public sealed record EmulatedAccount
{
    public required string Sid { get; init; }

    /// <summary>The primary Auth Token.</summary>
    public required string AuthToken { get; init; }

    /// <summary>
    /// The secondary Auth Token (accounts.twilio.com <c>/v1/AuthTokens/Secondary</c>), or null when the account has none. It
    /// authenticates on every endpoint alongside <see cref="AuthToken"/> until it is deleted or promoted to primary.
    /// </summary>
    public string? SecondaryAuthToken { get; init; }

    /// <summary>When <see cref="SecondaryAuthToken"/> was created; null without one.</summary>
    public DateTimeOffset? SecondaryAuthTokenDateCreated { get; init; }

    public required string FriendlyName { get; init; }

    public EmulatedAccountStatus Status { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public required DateTimeOffset DateUpdated { get; init; }
}
