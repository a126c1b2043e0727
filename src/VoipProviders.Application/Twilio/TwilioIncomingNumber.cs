using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.Twilio;

/// <summary>A number of the tenant's Twilio account (an IncomingPhoneNumber), with the trunk it is attached to, if any.</summary>
public sealed record TwilioIncomingNumber(
    string Sid,
    string PhoneNumber,
    string FriendlyName,
    PhoneNumberCapabilities Capabilities,
    string? TrunkSid);
