namespace VoipProviders.TwilioEmulator;

/// <summary>Which of an account's Auth Tokens a request's Basic password matched (see <see cref="RecordedRequest.AuthTokenUsed"/>).</summary>
public enum EmulatedAuthTokenKind
{
    /// <summary>The account's primary Auth Token (<see cref="EmulatedAccount.AuthToken"/>).</summary>
    Primary,

    /// <summary>The account's secondary Auth Token (<see cref="EmulatedAccount.SecondaryAuthToken"/>).</summary>
    Secondary,
}
