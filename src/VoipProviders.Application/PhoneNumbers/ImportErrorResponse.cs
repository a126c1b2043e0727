namespace VoipProviders.Application.PhoneNumbers;

/// <summary>A number the import could not record, and why (<see cref="ImportErrorCodes"/>).</summary>
public sealed record ImportErrorResponse(string PhoneNumberSid, string Code, string ErrorMessage);
