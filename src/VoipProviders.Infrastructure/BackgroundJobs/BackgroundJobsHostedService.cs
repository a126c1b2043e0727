using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Quartz's hosted service with a stop that ends within the host's shutdown timeout whatever the database does. Quartz's
/// shutdown lets the running jobs finish, and waits for its scheduler thread and cluster manager, which retry the
/// database — a connection timeout per attempt, several attempts — whatever the stop's token says: with PostgreSQL
/// unreachable, stopping took minutes. Here it runs in the background, and the stop returns when it is done or when the
/// host's token says the time is up. The process then exits, and what the runs still going did not finish is taken up by
/// another replica or the next start (durable jobs are recovered once this replica's cluster check-in lapses, recurring
/// ones fire again), exactly as after a crash.
/// </summary>
internal sealed class BackgroundJobsHostedService(
    IHostApplicationLifetime applicationLifetime,
    IServiceProvider serviceProvider,
    IOptionsMonitor<QuartzHostedServiceOptions> options,
    ILogger<BackgroundJobsHostedService> logger) : QuartzHostedService(applicationLifetime, serviceProvider, options), IHostedService
{
    // Quartz's StopAsync is not virtual: the host calls this one through the interface, declared again here.
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        var stop = Task.Run(() => StopAsync(cancellationToken), CancellationToken.None);
        var deadline = Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        if (await Task.WhenAny(stop, deadline) == stop)
        {
            await stop;
            return;
        }

        logger.SchedulerStopAbandoned();
        _ = stop.ContinueWith(
            static (task, state) => ((ILogger)state!).SchedulerStopFailed(task.Exception!),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }
}
