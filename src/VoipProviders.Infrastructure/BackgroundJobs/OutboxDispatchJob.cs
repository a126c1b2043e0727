using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Hands the jobs committed to the outbox to the scheduler, one Quartz job each (keyed by the outbox id, so handing
/// one over twice is harmless), then removes them from the outbox. Runs soon after a commit that enqueued a job (one
/// wake-up for a burst of commits) and on a timer, never twice at once in the cluster; rows are claimed with SKIP
/// LOCKED all the same.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class OutboxDispatchJob(
    VoipProvidersDbContext dbContext,
    IOptions<BackgroundJobsOptions> options,
    ILogger<OutboxDispatchJob> logger) : IJob
{
    public const int BatchSize = 100;
    public const string Group = "voip-providers";

    public static readonly JobKey Key = new("outbox-dispatch", Group);

    /// <summary>The one trigger commits fire the dispatcher through (see <see cref="QuartzOutboxNotifier"/>).</summary>
    public static readonly TriggerKey WakeUpKey = new("outbox-wake-up", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        int dispatched;
        do
        {
            dispatched = await DispatchBatchAsync(context.Scheduler, cancellationToken);
        }
        while (dispatched == BatchSize && !cancellationToken.IsCancellationRequested);
    }

    private async Task<int> DispatchBatchAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var strategy = dbContext.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            dbContext.ChangeTracker.Clear();
            await using var transaction = await dbContext.Database.BeginTransactionAsync(token);
            var jobs = await dbContext.OutboxJobs
                .FromSql($"SELECT * FROM voip_providers.background_job_outbox ORDER BY enqueued_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(token);
            foreach (var job in jobs)
            {
                await ScheduleAsync(scheduler, job, token);
            }

            dbContext.OutboxJobs.RemoveRange(jobs);
            await dbContext.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return jobs.Count;
        }, cancellationToken);
    }

    private async Task ScheduleAsync(IScheduler scheduler, OutboxJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = RunBackgroundJob.KeyFor(job.Id);
        var detail = JobBuilder.Create<RunBackgroundJob>()
            .WithIdentity(key)
            .WithDescription(job.JobName)
            .UsingJobData(RunBackgroundJob.JobNameKey, job.JobName)
            .UsingJobData(RunBackgroundJob.PayloadKey, job.Payload)
            .UsingJobData(RunBackgroundJob.TraceParentKey, job.TraceParent ?? string.Empty)
            .UsingJobData(RunBackgroundJob.TraceStateKey, job.TraceState ?? string.Empty)
            // A replica that dies mid-run leaves the run to be recovered by another one.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, key.Group)
            .ForJob(key);
        // A job due later (a grace period) waits in the scheduler's durable store, not in the outbox.
        trigger = job.NotBefore is { } notBefore ? trigger.StartAt(notBefore) : trigger.StartNow();
        var built = trigger
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithRetryPolicy(RetryPolicy.Exponential(settings.MaxRetries, settings.FirstRetryDelay, 2, settings.MaxRetryDelay, 0.2))
            .Build();
        try
        {
            await scheduler.ScheduleJob(detail, built, cancellationToken: cancellationToken);
            logger.Dispatched(job.JobName, job.Id);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Handed over by an earlier dispatch whose outbox delete did not commit: the scheduler has it already.
        }
    }
}
