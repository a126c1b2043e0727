using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Imported numbers as other modules know them.</summary>
public static class PhoneNumberReferences
{
    public static PhoneNumberReference Of(ImportedPhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return new PhoneNumberReference(number.OrganizationId.Value, number.Id, number.ProviderId.Value, number.PhoneNumberSid, number.PhoneNumber);
    }
}
