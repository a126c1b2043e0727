using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;

internal static partial class ImportReconciliationLog
{
    [LoggerMessage(EventId = 2310, Level = LogLevel.Warning, Message = "Import {ImportId} of provider {ProviderId} never finished: detaching from trunk {TrunkSid} what it attached without recording it")]
    public static partial void Reconciling(this ILogger logger, Guid importId, Guid providerId, string trunkSid);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "Reconciled import {ImportId} of provider {ProviderId}: {DetachedCount} number(s) detached from trunk {TrunkSid} (run {Attempt})")]
    public static partial void Reconciled(this ILogger logger, Guid importId, Guid providerId, int detachedCount, string trunkSid, int attempt);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Information, Message = "Reconciled import {ImportId}: provider {ProviderId} is deleted, and its clean-up deletes trunk {TrunkSid} with every number on it")]
    public static partial void ProviderGone(this ILogger logger, Guid importId, Guid providerId, string trunkSid);

    [LoggerMessage(EventId = 2313, Level = LogLevel.Warning, Message = "Reconciliation of import {ImportId} of provider {ProviderId} failed on run {Attempt} ({FailureCode}); it will be retried")]
    public static partial void AttemptFailed(this ILogger logger, Guid importId, Guid providerId, int attempt, string failureCode);

    [LoggerMessage(EventId = 2314, Level = LogLevel.Error, Message = "Gave up reconciling import {ImportId} of provider {ProviderId} after {Attempt} runs ({FailureCode}): numbers {PhoneNumberSids} may still be attached to trunk {TrunkSid} without a record; import them again (a number on the trunk is recorded) or detach them in the Twilio Console")]
    public static partial void GaveUp(this ILogger logger, Guid importId, Guid providerId, int attempt, string failureCode, string phoneNumberSids, string trunkSid);
}
