namespace VoipProviders.Application.Twilio;

/// <summary>An origination URL of a trunk as Twilio has it (<c>OU…</c>), whoever created it.</summary>
public sealed record TwilioOriginationUrl(string Sid, string FriendlyName, string SipUrl, int Priority, int Weight, bool Enabled);
