using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The rotation's log records. None carries a token.</summary>
internal static partial class AuthTokenRotationLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Auth Token rotation {RotationId} of provider {ProviderId} is at step {Step}")]
    public static partial void RotationStep(this ILogger logger, Guid rotationId, Guid providerId, string step);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Auth Token rotation {RotationId} of provider {ProviderId} completed: the secondary token is the provider's token now")]
    public static partial void RotationCompleted(this ILogger logger, Guid rotationId, Guid providerId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Auth Token rotation {RotationId} of provider {ProviderId} failed at step {Step}: {Code}")]
    public static partial void RotationFailed(this ILogger logger, Guid rotationId, Guid providerId, string step, string code);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Auth Token rotation {RotationId}: a create may have reached Twilio without its answer being stored; the secondary it left was deleted before creating again")]
    public static partial void UnstoredSecondaryDeleted(this ILogger logger, Guid rotationId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Auth Token rotation {RotationId}: the outcome of the promotion is not known ({Failure}); reading it from which token Twilio accepts")]
    public static partial void PromotionOutcomeUnknown(this ILogger logger, Guid rotationId, string failure);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Auth Token rotation {RotationId} at step {Step} will be retried: {Failure}")]
    public static partial void StepWillRetry(this ILogger logger, Guid rotationId, string step, string failure);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "Auth Token rotation {RotationId}: Twilio did not accept the new primary token right after the promotion ({Failure}); the provider's verification reports it")]
    public static partial void NewTokenNotAccepted(this ILogger logger, Guid rotationId, string failure);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Auth Token rotation {RotationId}: the secondary it may have created was not deleted ({Failure})")]
    public static partial void SecondaryNotDeleted(this ILogger logger, Guid rotationId, string failure);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Auth Token rotation {RotationId}: the secondary it may have created is deleted")]
    public static partial void SecondaryCleanedUp(this ILogger logger, Guid rotationId);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Scheduled Auth Token rotations started: {Started} ({Skipped} skipped)")]
    public static partial void ScheduledRotationsStarted(this ILogger logger, int started, int skipped);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Auth Token rotation {RotationId} has no provider that runs it (provider {ProviderId}); it is left as it is")]
    public static partial void RotationOrphaned(this ILogger logger, Guid rotationId, Guid providerId);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "The scheduled Auth Token rotation of provider {ProviderId} did not start; the next run tries again")]
    public static partial void ScheduledStartFailed(this ILogger logger, Exception exception, Guid providerId);
}
