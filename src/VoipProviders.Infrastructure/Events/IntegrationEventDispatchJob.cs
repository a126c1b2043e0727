using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// The durable side of event delivery: a clustered Quartz job, started by a trigger every
/// <see cref="IntegrationEventsOptions.DispatchPeriod"/> and never running twice at once in the cluster. A run delivers
/// until the next one is due, woken at once by local commits and looking every
/// <see cref="IntegrationEventsOptions.IdlePollInterval"/> for commits of other replicas. A replica that stops mid-run
/// has the run recovered by another (its deliveries are still pending, so they are delivered again there).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class IntegrationEventDispatchJob(
    IntegrationEventDispatcher dispatcher,
    IntegrationEventSignal signal,
    IOptions<IntegrationEventsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<IntegrationEventDispatchJob> logger) : IJob
{
    public const string Group = "voip-providers";

    public static readonly JobKey Key = new("integration-event-dispatch", Group);

    public static readonly TriggerKey TriggerKey = new("integration-event-dispatch", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = stopping.Token;

        // Hand over to the next firing a little before it is due, so that a run never outlives its trigger's period.
        var runFor = settings.DispatchPeriod - TimeSpan.FromMilliseconds(Math.Min(1000, settings.DispatchPeriod.TotalMilliseconds / 10));
        var started = timeProvider.GetTimestamp();
        // A scheduler put on standby (or shutting down) runs no jobs: the run ends and the next firing resumes delivery.
        while (!token.IsCancellationRequested && timeProvider.GetElapsedTime(started) < runFor
               && await context.Scheduler.GetStatus(token) == SchedulerStatus.Running)
        {
            int delivered;
            try
            {
                delivered = await dispatcher.DispatchOnceAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed round (database away) must not end the run: the deliveries stay pending and the next round tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.DispatchRoundFailed(exception);
                delivered = 0;
            }

            if (delivered == 0)
            {
                try
                {
                    await signal.WaitAsync(settings.IdlePollInterval, timeProvider, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        Debug.Assert(runFor > TimeSpan.Zero, "The dispatch period is at least a second.");
    }
}
