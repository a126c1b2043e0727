namespace VoipProviders.Domain.PhoneNumbers;

/// <summary>
/// A number an import in flight is about to attach or record. A number has at most one claim anywhere, so two imports of
/// one number never both attach and record it; the claim goes with its import.
/// </summary>
public sealed class PhoneNumberImportClaim
{
    private PhoneNumberImportClaim()
    {
        // For EF Core materialization.
        PhoneNumberSid = null!;
    }

    public string PhoneNumberSid { get; private set; }

    public Guid ImportId { get; private set; }

    /// <summary>
    /// Whether the import attaches the number (it was on no trunk when the import looked); false for a number already on
    /// the provider's trunk, which the import only records and reconciliation never detaches.
    /// </summary>
    public bool Attach { get; private set; }

    internal static PhoneNumberImportClaim For(PhoneNumberImport import, string phoneNumberSid, bool attach)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (!ImportedPhoneNumber.IsPhoneNumberSid(phoneNumberSid))
        {
            throw new ArgumentException("Not a Twilio phone number SID.", nameof(phoneNumberSid));
        }

        return new PhoneNumberImportClaim { PhoneNumberSid = phoneNumberSid, ImportId = import.Id, Attach = attach };
    }
}
