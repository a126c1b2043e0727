namespace VoipProviders.Application.Twilio;

/// <summary>What an origination URL is created or updated with: every field Twilio has, so an update sets them all.</summary>
public sealed record TwilioOriginationUrlSpec(string FriendlyName, string SipUrl, int Priority, int Weight, bool Enabled);
