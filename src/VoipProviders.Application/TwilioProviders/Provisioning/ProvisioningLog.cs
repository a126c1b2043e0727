using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

internal static partial class ProvisioningLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Provisioned trunk {TrunkSid} ({DomainName}) with credential list {CredentialListSid} in account {AccountSid}")]
    public static partial void Provisioned(this ILogger logger, string trunkSid, string domainName, string credentialListSid, string accountSid);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Trunk domain {DomainName} is taken (Twilio 21248); trying another name")]
    public static partial void DomainTaken(this ILogger logger, string domainName);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Undoing Twilio resources in account {AccountSid}: trunk {TrunkSid}, credential list {CredentialListSid}")]
    public static partial void Compensating(this ILogger logger, string accountSid, string? trunkSid, string? credentialListSid);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Deleted {ResourceKind} {ResourceSid} in account {AccountSid}")]
    public static partial void Deleted(this ILogger logger, string resourceKind, string resourceSid, string accountSid);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Could not delete (or look up) {ResourceKind} {ResourceRef} in account {AccountSid} now")]
    public static partial void DeleteFailed(this ILogger logger, Exception exception, string resourceKind, string resourceRef, string accountSid);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} could not be deleted now; clean-up {CleanupId} will retry in the background")]
    public static partial void LeftoversQueued(this ILogger logger, string trunkSid, string credentialListSid, string accountSid, Guid cleanupId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} could not be deleted nor queued for clean-up; provisioning intent {IntentId} reconciles them later")]
    public static partial void LeftoversNotQueued(this ILogger logger, Exception exception, string trunkSid, string credentialListSid, string accountSid, Guid intentId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "What connect {IntentId} built in account {AccountSid} could not all be deleted or looked up now (trunk {TrunkSid}, credential list {CredentialListSid}); its provisioning intent stays and is reconciled in the background")]
    public static partial void LeftToReconciliation(this ILogger logger, Guid intentId, string accountSid, string? trunkSid, string? credentialListSid);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Provisioning intent {IntentId} could not be removed after its connect cleaned up; reconciliation will find nothing to delete")]
    public static partial void IntentNotForgotten(this ILogger logger, Exception exception, Guid intentId);
}
