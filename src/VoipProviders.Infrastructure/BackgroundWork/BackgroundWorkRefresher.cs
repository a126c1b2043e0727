using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>
/// Refreshes this replica's <see cref="BackgroundWorkSnapshot"/> every <see cref="BackgroundWorkOptions.MetricsRefreshInterval"/>.
/// An in-process timer on purpose: it observes, it owes nothing — a restart loses a count that the next tick takes
/// again, so it needs none of the job engine's durability (ADR-021). Every replica refreshes its own.
/// </summary>
internal sealed class BackgroundWorkRefresher(
    BackgroundWorkSnapshot snapshot,
    BackgroundWorkMetrics metrics,
    IOptions<BackgroundWorkOptions> options,
    TimeProvider timeProvider,
    ILogger<BackgroundWorkRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved for its gauges: they exist from the start, and report once the first refresh is in.
        _ = metrics;
        using var timer = new PeriodicTimer(options.Value.MetricsRefreshInterval, timeProvider);
        do
        {
            try
            {
                await snapshot.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Observation only: a failed count keeps the last one and is tried again next tick.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.RefreshFailed(exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
