using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>The repair's log records. None carries a token or SIP password.</summary>
internal static partial class RepairLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Repair of provider {ProviderId} ({Trigger}): {Action} {Target} applied")]
    public static partial void ActionApplied(this ILogger logger, Guid providerId, string trigger, string action, string target);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Repair of provider {ProviderId} ({Trigger}): {Action} {Target} failed: {Failure}")]
    public static partial void ActionFailed(this ILogger logger, Guid providerId, string trigger, string action, string target, string failure);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Repair of provider {ProviderId}: the {Kind} '{Name}' a stopped create may have made could not be looked up or deleted now ({Failure}); it is tried again later")]
    public static partial void LeftoverNotSettled(this ILogger logger, Guid providerId, string kind, string name, string failure);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Repair of provider {ProviderId}: deleted the {Kind} {Sid} that a stopped create had made without storing it")]
    public static partial void LeftoverDeleted(this ILogger logger, Guid providerId, string kind, string sid);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Auto-repair of provider {ProviderId} is paused until {PausedUntil}: its {Max} automatic repairs for the day are spent")]
    public static partial void AutoRepairPaused(this ILogger logger, Guid providerId, DateTimeOffset pausedUntil, int max);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "Auto-repair of provider {ProviderId} skipped: {Reason}")]
    public static partial void AutoRepairSkipped(this ILogger logger, Guid providerId, string reason);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Repair of provider {ProviderId}: the verification after it was inconclusive ({Code})")]
    public static partial void VerificationInconclusive(this ILogger logger, Guid providerId, string code);
}
