namespace VoipProviders.Domain.PhoneNumbers;

/// <summary>What a number can do, as Twilio reports it.</summary>
public sealed record PhoneNumberCapabilities(bool Voice, bool Sms, bool Mms);
