using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// The durable side of event delivery: a clustered Quartz job that never runs twice at once in the cluster, started by a
/// trigger every <see cref="IntegrationEventsOptions.DispatchPeriod"/> when no run is going. A run delivers while its
/// replica's scheduler runs, woken at once by local commits and looking every
/// <see cref="IntegrationEventsOptions.IdlePollInterval"/> for commits of other replicas. A replica that stops ends its
/// run and the next firing starts one elsewhere; one that dies has its run recovered by another (its deliveries are
/// still pending, so they are delivered again there).
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
        // Not a linked token source: it would cancel the run's database command on the thread that stops the host (the
        // SIGTERM handler), and Npgsql cancels a command by connecting to PostgreSQL, synchronously — with the database
        // unreachable, the host then did not even begin to stop for a connection timeout per command in flight.
        using var stopping = new CancellationTokenSource();
        using var onJobCancelled = cancellationToken.Register(CancelInBackground, stopping);
        using var onHostStopping = lifetime.ApplicationStopping.Register(CancelInBackground, stopping);
        var token = stopping.Token;

        // The run lasts as long as the scheduler: under its span, every idle poll (five a second) would join one trace that
        // never ends. Outside it, each delivery is a trace of its own, linked to the change it reports, and the polls
        // belong to nothing and are not exported (ADR-020).
        Activity.Current = null;

        // A run delivers for as long as this replica's scheduler runs: the trigger's later firings wait (the job never runs
        // twice at once) and only start a run when none is going — after a stop, or when Quartz recovers the run of a
        // replica that died. A scheduler put on standby or shutting down ends the run.
        while (!token.IsCancellationRequested && await context.Scheduler.GetStatus(token) == SchedulerStatus.Running)
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
    }

    private static void CancelInBackground(object? source) => _ = ((CancellationTokenSource)source!).CancelAsync();
}
