using Microsoft.Extensions.Logging;
using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>Fires the outbox dispatcher now (a trigger in the clustered store: whichever replica runs jobs picks it up).</summary>
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
            await scheduler.TriggerJob(OutboxDispatchJob.Key, budget.Token);
        }
#pragma warning disable CA1031 // Best effort by contract: the outbox poll covers a failed wake-up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.NotifyFailed(exception);
        }
    }
}
