namespace VoipProviders.TwilioEmulator;

/// <summary>An account to create when the emulator starts. A missing SID or token is generated.</summary>
public sealed class EmulatedAccountSeed
{
    public string? Sid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>A secondary Auth Token to give the account (none when null; never generated).</summary>
    public string? SecondaryAuthToken { get; set; }

    public string? FriendlyName { get; set; }

    public EmulatedAccountStatus Status { get; set; } = EmulatedAccountStatus.Active;

    /// <summary>E.164 incoming numbers to give the account, e.g. "+14155550100".</summary>
    public IList<string> PhoneNumbers { get; } = [];
}
