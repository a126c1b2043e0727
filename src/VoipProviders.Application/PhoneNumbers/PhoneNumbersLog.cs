using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.PhoneNumbers;

internal static partial class PhoneNumbersLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Import for provider {ProviderId}: {ImportedCount} number(s) imported, {FailedCount} not")]
    public static partial void Imported(this ILogger logger, Guid providerId, int importedCount, int failedCount);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Attaching number {PhoneNumberSid} to trunk {TrunkSid} failed ({FailureCode}); checking where it is now")]
    public static partial void AttachFailed(this ILogger logger, string phoneNumberSid, string trunkSid, string failureCode);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Removed number {PhoneNumberSid} ({PhoneNumberId}) from provider {ProviderId}; {ReleasedUsers} user(s) let go of it")]
    public static partial void Removed(this ILogger logger, string phoneNumberSid, Guid phoneNumberId, Guid providerId, int releasedUsers);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Import {ImportId} did not commit and {FailedCount} number(s) could not be detached from trunk {TrunkSid} now; its reconciliation job detaches them after the grace period")]
    public static partial void DetachLeftToReconciliation(this ILogger logger, Guid importId, int failedCount, string trunkSid);
}
