namespace VoipProviders.Application.Twilio;

public sealed record CreateTwilioTrunkRequest(string FriendlyName, string DomainName, bool TransferEnabled, bool Secure = false);
