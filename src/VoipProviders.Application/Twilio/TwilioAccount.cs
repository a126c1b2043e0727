namespace VoipProviders.Application.Twilio;

/// <summary>The Twilio account behind a credential pair, as Twilio reports it.</summary>
public sealed record TwilioAccount(string Sid, string FriendlyName, string Status)
{
    public const string ActiveStatus = "active";

    public bool IsActive => string.Equals(Status, ActiveStatus, StringComparison.Ordinal);
}
