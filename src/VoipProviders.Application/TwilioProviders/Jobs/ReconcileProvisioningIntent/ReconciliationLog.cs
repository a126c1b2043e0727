using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;

internal static partial class ReconciliationLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "Connect {IntentId} in account {AccountSid} never finished: reconciling what it may have built")]
    public static partial void Reconciling(this ILogger logger, Guid intentId, string accountSid);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Reconciliation of connect {IntentId} deleted {ResourceKind} {ResourceSid} in account {AccountSid}")]
    public static partial void OrphanDeleted(this ILogger logger, Guid intentId, string resourceKind, string resourceSid, string accountSid);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Reconciled connect {IntentId} in account {AccountSid}: {DeletedCount} resource(s) deleted (run {Attempt})")]
    public static partial void Reconciled(this ILogger logger, Guid intentId, string accountSid, int deletedCount, int attempt);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Reconciliation of connect {IntentId} in account {AccountSid} failed on run {Attempt} ({FailureCode}); it will be retried")]
    public static partial void ReconciliationAttemptFailed(this ILogger logger, Guid intentId, string accountSid, int attempt, string failureCode);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Error, Message = "Gave up reconciling connect {IntentId} in account {AccountSid} after {Attempt} runs ({FailureCode}): look for a trunk on {TrunkDomainNames} and a credential list named '{FriendlyName}' in the Twilio Console")]
    public static partial void ReconciliationGaveUp(this ILogger logger, Guid intentId, string accountSid, int attempt, string failureCode, string trunkDomainNames, string friendlyName);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Error, Message = "The stored credentials of connect {IntentId} in account {AccountSid} cannot be decrypted (Data Protection key ring lost?): look for a trunk on {TrunkDomainNames} and a credential list named '{FriendlyName}' in the Twilio Console")]
    public static partial void ReconciliationCredentialsUnreadable(this ILogger logger, Guid intentId, string accountSid, string trunkDomainNames, string friendlyName);
}
