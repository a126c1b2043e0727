using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

internal static partial class BackgroundJobsLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Handed background job {JobName} {OutboxId} to the scheduler")]
    public static partial void Dispatched(this ILogger logger, string jobName, Guid outboxId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Background job {JobName} {JobId} finished on run {Attempt}: {Outcome}")]
    public static partial void Finished(this ILogger logger, string jobName, string jobId, int attempt, BackgroundJobOutcome outcome);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Background job {JobName} {JobId} will be retried after run {Attempt}")]
    public static partial void WillRetry(this ILogger logger, string jobName, string jobId, int attempt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Background job {JobName} {JobId} still asks for a retry after its last run ({Attempt}); it stops here")]
    public static partial void OutOfRetries(this ILogger logger, string jobName, string jobId, int attempt);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Background job {JobName} {JobId} failed on run {Attempt} (last run: {IsLastAttempt})")]
    public static partial void RunFailed(this ILogger logger, Exception exception, string jobName, string jobId, int attempt, bool isLastAttempt);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Background job {JobId} names an unknown job type '{JobName}'; it is dropped")]
    public static partial void UnknownJob(this ILogger logger, string jobName, string jobId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "Background job {JobName} {JobId} has a stored record this version cannot read; it is dropped")]
    public static partial void UnreadableJob(this ILogger logger, Exception exception, string jobName, string jobId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Could not wake the outbox dispatcher after a commit; the next poll dispatches the jobs")]
    public static partial void NotifyFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "The scheduler did not stop within the host's shutdown timeout (is the database reachable?); the host stops without it. Runs it did not finish are taken up again by the next start or another replica")]
    public static partial void SchedulerStopAbandoned(this ILogger logger);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Stopping the scheduler failed")]
    public static partial void SchedulerStopFailed(this ILogger logger, Exception exception);
}
