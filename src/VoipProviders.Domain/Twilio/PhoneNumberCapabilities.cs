namespace VoipProviders.Domain.Twilio;

/// <summary>What a number can do, as Twilio reports it.</summary>
public sealed record PhoneNumberCapabilities(bool Voice, bool Sms, bool Mms);
