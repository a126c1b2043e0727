using System.Diagnostics;
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
/// one — durably, on whichever replica is free then. Each run is a span (source <c>VoipProviders.BackgroundJobs</c>)
/// in a trace of its own, linked to the span that queued the job (ADR-020).
/// </summary>
internal sealed class RunBackgroundJob(
    ISender sender,
    BackgroundJobContext jobContext,
    AuditActorScope auditActor,
    BackgroundJobRegistry registry,
    BackgroundJobsMetrics metrics,
    TimeProvider timeProvider,
    ILogger<RunBackgroundJob> logger) : IJob
{
    public const string JobNameKey = "job";
    public const string PayloadKey = "payload";
    public const string TraceParentKey = "traceparent";
    public const string TraceStateKey = "tracestate";
    public const string Group = "background-jobs";
    public const string ActivitySourceName = "VoipProviders.BackgroundJobs";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static JobKey KeyFor(Guid outboxId) => new(outboxId.ToString("N"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = context.MergedJobDataMap;
        var name = map.GetString(JobNameKey) ?? string.Empty;
        var known = registry.TryGetType(name, out var type);
        var attempt = context.RetryAttempt + 1;
        var started = timeProvider.GetTimestamp();
        using var activity = StartActivity(map, known ? name : "unknown", attempt);
        var outcome = "failed";
        try
        {
            (outcome, var retry) = await RunAsync(context, map, name, known ? type : null, attempt, cancellationToken);
            if (retry is not null)
            {
                throw retry;
            }
        }
        catch (JobExecutionException exception) when (exception.InnerException is { } failure)
        {
            // The handler threw: retried by the trigger's policy, unless this was the last run.
            outcome = IsLastAttempt(context) ? "abandoned" : "failed";
            activity?.SetTag("error.type", failure.GetType().FullName);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            metrics.RunEnded(known ? name : "unknown", outcome, timeProvider.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag("voip_providers.job.outcome", outcome);
                if (outcome is "failed" or "abandoned" or "dropped")
                {
                    activity.SetStatus(ActivityStatusCode.Error, outcome);
                }
            }
        }
    }

    /// <summary>
    /// The run's span: a new trace (the request that queued the job ended long ago, and a retry is not part of it),
    /// linked to the queuing span's context stored with the outbox row.
    /// </summary>
    private static Activity? StartActivity(JobDataMap map, string name, int attempt)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var links = ActivityContext.TryParse(map.GetString(TraceParentKey), NullIfEmpty(map.GetString(TraceStateKey)), out var queuedBy)
            ? new[] { new ActivityLink(queuedBy) }
            : null;
        return ActivitySource.StartActivity(
            ActivityKind.Consumer,
            parentContext: default,
            tags: [new("voip_providers.job.name", name), new("voip_providers.job.attempt", attempt)],
            links: links,
            name: $"background-job {name}");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Whether the trigger's retry policy allows no run after this one.</summary>
    private static bool IsLastAttempt(IJobExecutionContext context) => context.RetryAttempt >= (context.RetryPolicy?.MaxAttempts ?? 0);

    /// <summary>How the run ended, and the exception that makes Quartz retry it (a run that asked to be retried).</summary>
    private async Task<(string Outcome, JobExecutionException? Retry)> RunAsync(IJobExecutionContext context, JobDataMap map, string name, Type? type, int attempt, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            // Retrying cannot help a job this version does not know (rolled back deploy?); it stays visible in the log.
            logger.UnknownJob(name, context.JobDetail.Key.Name);
            return ("dropped", null);
        }

        var isLastAttempt = IsLastAttempt(context);
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
            return ("dropped", null);
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
                return ("abandoned", null);
            case BackgroundJobOutcome.RetryLater:
                logger.WillRetry(name, context.JobDetail.Key.Name, attempt);
                return ("retry_later", new JobExecutionException($"Background job {name} asked to be retried."));
            case BackgroundJobOutcome.GaveUp:
                logger.Finished(name, context.JobDetail.Key.Name, attempt, outcome);
                return ("gave_up", null);
            default:
                logger.Finished(name, context.JobDetail.Key.Name, attempt, outcome);
                return ("completed", null);
        }
    }
}
