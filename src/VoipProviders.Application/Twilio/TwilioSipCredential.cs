namespace VoipProviders.Application.Twilio;

/// <summary>A SIP credential of a credential list as Twilio lists it (never with its password, which Twilio does not return).</summary>
public sealed record TwilioSipCredential(string Sid, string Username);
