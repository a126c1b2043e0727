namespace VoipProviders.TwilioEmulator;

/// <summary>Status of an emulated Twilio account, rendered as <c>active</c>, <c>suspended</c> or <c>closed</c>.</summary>
public enum EmulatedAccountStatus
{
    Active,
    Suspended,
    Closed,
}
