namespace VoipProviders.Application.Twilio;

public sealed record TwilioTrunk(string Sid, string DomainName);
