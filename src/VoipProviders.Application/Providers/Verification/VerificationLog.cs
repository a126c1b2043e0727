using Microsoft.Extensions.Logging;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

internal static partial class VerificationLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Verified provider {ProviderId} (account {AccountSid}, {Trigger}): {Status}")]
    public static partial void Verified(this ILogger logger, Guid providerId, string accountSid, VerificationTrigger trigger, VerificationStatus status);

    /// <summary>At Warning when the provider got worse (warning, failed), at Information when it recovered or left pending.</summary>
    [LoggerMessage(EventId = 2401, Message = "Provider {ProviderId} (organization {OrganizationId}, account {AccountSid}) changed verification status from {PreviousStatus} to {Status} ({Trigger})")]
    public static partial void StatusChanged(this ILogger logger, LogLevel level, Guid providerId, string organizationId, string accountSid, VerificationStatus previousStatus, VerificationStatus status, VerificationTrigger trigger);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Verification of provider {ProviderId} (account {AccountSid}, {Trigger}) was inconclusive ({FailureCode}); its stored status is unchanged")]
    public static partial void Inconclusive(this ILogger logger, Guid providerId, string accountSid, VerificationTrigger trigger, string failureCode);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Verification of provider {ProviderId} ({Trigger}) was not stored: the provider changed or was deleted while it ran")]
    public static partial void Stale(this ILogger logger, Guid providerId, VerificationTrigger trigger);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Error, Message = "Scheduled verification of provider {ProviderId} failed unexpectedly; it is tried again later")]
    public static partial void ScheduledRunFailed(this ILogger logger, Exception exception, Guid providerId);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Information, Message = "Verification sweep verified {Count} due providers in {ElapsedMilliseconds} ms")]
    public static partial void SweepFinished(this ILogger logger, int count, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Debug, Message = "Background verification of provider {ProviderId} skipped: a newer change (version {CurrentVersion} > {JobVersion}) has its own")]
    public static partial void SupersededByNewerChange(this ILogger logger, Guid providerId, long currentVersion, long jobVersion);
}
