using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The conflicts specific to phone numbers.</summary>
public static class PhoneNumberConflicts
{
    public const string ImportedConcurrentlyCode = "phone_number_import_conflict";

    public static ConflictException ImportedConcurrently(Exception? innerException = null) =>
        new(ImportedConcurrentlyCode,
            "Another request imported some of these numbers at the same moment; nothing of this import was recorded. Retry: numbers imported meanwhile are reported as already imported.",
            innerException);
}
