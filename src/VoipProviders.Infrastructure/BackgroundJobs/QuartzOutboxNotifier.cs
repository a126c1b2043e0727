using Microsoft.Extensions.Logging;
using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Fires the outbox dispatcher soon after a commit (a trigger in the clustered store: whichever replica runs jobs picks it
/// up). Wake-ups coalesce into one trigger: a burst of commits queues one more dispatcher run, not one run per commit.
/// </summary>
internal sealed class QuartzOutboxNotifier(
    ISchedulerFactory schedulerFactory,
    TimeProvider timeProvider,
    ILogger<QuartzOutboxNotifier> logger) : IOutboxNotifier
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task NotifyAsync()
    {
        // Not the request's token: the commit has happened, and the caller leaving must not lose the wake-up.
        using var budget = new CancellationTokenSource(Budget, timeProvider);
        try
        {
            var scheduler = await schedulerFactory.GetScheduler(budget.Token);
            // A wake-up that has not fired yet (waiting, acquired, or blocked behind a running dispatcher) reads the outbox
            // after this commit, so it covers these jobs too. This look takes no lock, unlike the store's own decision.
            if (await scheduler.GetTriggerState(OutboxDispatchJob.WakeUpKey, budget.Token)
                is TriggerState.Normal or TriggerState.Blocked or TriggerState.Paused)
            {
                return;
            }

            // None, or the last one has begun firing and its run may have read the outbox before this commit: Keep stores a
            // new one over a fired trigger (held back until the running dispatcher ends) and keeps one another commit
            // stored meanwhile, deciding under the store's lock.
            var wakeUp = TriggerBuilder.Create()
                .WithIdentity(OutboxDispatchJob.WakeUpKey)
                .ForJob(OutboxDispatchJob.Key)
                .StartNow()
                .Build();
            await scheduler.ScheduleTrigger(wakeUp, TriggerConflict.Keep, budget.Token);
        }
#pragma warning disable CA1031 // Best effort by contract: the outbox poll covers a failed wake-up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.NotifyFailed(exception);
        }
    }
}
