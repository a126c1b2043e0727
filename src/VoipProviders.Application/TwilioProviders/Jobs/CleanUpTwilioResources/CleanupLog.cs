using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

internal static partial class CleanupLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Clean-up {CleanupId} deleted trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} (run {Attempt})")]
    public static partial void CleanupCompleted(this ILogger logger, Guid cleanupId, string trunkSid, string credentialListSid, string accountSid, int attempt);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Clean-up {CleanupId} of trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} failed on run {Attempt} ({FailureCode}); it will be retried")]
    public static partial void CleanupAttemptFailed(this ILogger logger, Guid cleanupId, string trunkSid, string credentialListSid, string accountSid, int attempt, string failureCode);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Twilio keeps rejecting the stored credentials of account {AccountSid}: stopped cleaning up trunk {TrunkSid} and credential list {CredentialListSid} after {Attempt} runs (clean-up {CleanupId}); delete them in the Twilio Console")]
    public static partial void CleanupStoppedCredentialsRejected(this ILogger logger, string trunkSid, string credentialListSid, string accountSid, Guid cleanupId, int attempt);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "The stored credentials of account {AccountSid} cannot be decrypted (Data Protection key ring lost?): trunk {TrunkSid} and credential list {CredentialListSid} were not cleaned up (clean-up {CleanupId}); delete them in the Twilio Console")]
    public static partial void CleanupCredentialsUnreadable(this ILogger logger, string trunkSid, string credentialListSid, string accountSid, Guid cleanupId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error, Message = "Gave up cleaning up trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} after {Attempt} runs ({FailureCode}; clean-up {CleanupId}); delete them in the Twilio Console")]
    public static partial void CleanupGaveUp(this ILogger logger, string trunkSid, string credentialListSid, string accountSid, Guid cleanupId, int attempt, string failureCode);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "An operator retried abandoned clean-up {CleanupId} of trunk {TrunkSid} and credential list {CredentialListSid} in account {AccountSid} with the credentials of provider {CredentialsProviderId}")]
    public static partial void CleanupRetried(this ILogger logger, Guid cleanupId, string trunkSid, string credentialListSid, string accountSid, Guid credentialsProviderId);
}
