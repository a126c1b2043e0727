using Mediator;
using Microsoft.Extensions.Logging;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Auditing;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Runs one background job: rebuilds the job record from its stored JSON and sends it through the mediator (so it
/// gets the same validation, logging and unit of work as a request), in the DI scope Quartz opens for the run.
/// <see cref="BackgroundJobOutcome.RetryLater"/> fails the run so that the trigger's retry policy schedules the next
/// one — durably, on whichever replica is free then.
/// </summary>
internal sealed class RunBackgroundJob(
    ISender sender,
    BackgroundJobContext jobContext,
    AuditActorScope auditActor,
    BackgroundJobRegistry registry,
    ILogger<RunBackgroundJob> logger) : IJob
{
    public const string JobNameKey = "job";
    public const string PayloadKey = "payload";
    public const string Group = "background-jobs";

    public static JobKey KeyFor(Guid outboxId) => new(outboxId.ToString("N"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = context.MergedJobDataMap;
        var name = map.GetString(JobNameKey) ?? string.Empty;
        if (!registry.TryGetType(name, out var type))
        {
            // Retrying cannot help a job this version does not know (rolled back deploy?); it stays visible in the log.
            logger.UnknownJob(name, context.JobDetail.Key.Name);
            return;
        }

        var attempt = context.RetryAttempt + 1;
        var isLastAttempt = context.RetryAttempt >= (context.RetryPolicy?.MaxAttempts ?? 0);
        jobContext.Set(attempt, isLastAttempt);
        auditActor.RunAsJob(name);

        object job;
        try
        {
            job = BackgroundJobSerializer.Deserialize(map.GetString(PayloadKey) ?? "null", type);
        }
        catch (System.Text.Json.JsonException exception)
        {
            // A stored job this version cannot read will not become readable by retrying.
            logger.UnreadableJob(exception, name, context.JobDetail.Key.Name);
            return;
        }

        BackgroundJobOutcome outcome;
        try
        {
            outcome = (BackgroundJobOutcome)(await sender.Send(job, cancellationToken))!;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.RunFailed(exception, name, context.JobDetail.Key.Name, attempt, isLastAttempt);
            throw new JobExecutionException($"Background job {name} failed.", exception);
        }

        switch (outcome)
        {
            case BackgroundJobOutcome.RetryLater when isLastAttempt:
                logger.OutOfRetries(name, context.JobDetail.Key.Name, attempt);
                break;
            case BackgroundJobOutcome.RetryLater:
                logger.WillRetry(name, context.JobDetail.Key.Name, attempt);
                throw new JobExecutionException($"Background job {name} asked to be retried.");
            default:
                logger.Finished(name, context.JobDetail.Key.Name, attempt, outcome);
                break;
        }
    }
}
