using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.Origination;

internal static partial class OriginationLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Brought the origination URLs of trunk {TrunkSid} in account {AccountSid} in line with the settings ({Changes} changes).")]
    public static partial void OriginationSynced(this ILogger logger, string trunkSid, string accountSid, int changes);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Origination rollout to revision {Revision}: {Aligned} trunks brought in line, {Failed} left for a later pass.")]
    public static partial void RolloutPass(this ILogger logger, string revision, int aligned, int failed);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Origination rollout could not bring provider {ProviderId} in line; it is retried on a later pass.")]
    public static partial void RolloutFailed(this ILogger logger, Exception exception, Guid providerId);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Origination rollout skipped: this replica's settings (revision {Revision}) are older than revision {Newest} another replica started with.")]
    public static partial void RolloutSuperseded(this ILogger logger, string revision, string newest);
}
