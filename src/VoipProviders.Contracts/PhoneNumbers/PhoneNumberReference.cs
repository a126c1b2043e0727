namespace VoipProviders.Contracts.PhoneNumbers;

/// <summary>An imported number as other modules know it: its id here, and the number itself.</summary>
public sealed record PhoneNumberReference(
    string OrganizationId,
    Guid PhoneNumberId,
    Guid ProviderId,
    string PhoneNumberSid,
    string PhoneNumber);
