namespace VoipProviders.Application.PhoneNumbers;

/// <summary>A number the import recorded, with the id it has from now on.</summary>
public sealed record ImportedNumberResponse(Guid Id, string PhoneNumberSid, string PhoneNumber);
