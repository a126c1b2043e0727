using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VoipProviders.Infrastructure.BackgroundWork;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Readiness of the outbox: its oldest job younger than <see cref="BackgroundWorkOptions.OutboxMaxAge"/>. Older means no
/// job engine in the cluster takes jobs. Unhealthy (503) or only Degraded (200) as
/// <see cref="BackgroundWorkOptions.OutboxAgeFailsReadiness"/> says: the outbox is shared, so this fails on every
/// replica at once (ADR-021).
/// </summary>
internal sealed class OutboxAgeHealthCheck(
    OutboxBackgroundWork outbox,
    IOptions<BackgroundWorkOptions> options,
    TimeProvider timeProvider) : IHealthCheck
{
    public const string Name = "outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.OutboxMaxAge == TimeSpan.Zero)
        {
            return HealthCheckResult.Healthy("Not checked (BackgroundWork:OutboxMaxAge is 00:00:00).");
        }

        var now = timeProvider.GetUtcNow();
        var tally = await outbox.TallyAsync(now, cancellationToken);
        var age = tally.OldestAgeSeconds(now);
        var data = new Dictionary<string, object>
        {
            ["count"] = tally.Count,
            ["oldestAgeSeconds"] = age,
            ["maxAgeSeconds"] = (long)settings.OutboxMaxAge.TotalSeconds,
        };
        if (tally.OldestSince is not { } oldest || now - oldest <= settings.OutboxMaxAge)
        {
            return HealthCheckResult.Healthy("The outbox is handed to the job engine in time.", data);
        }

        return new HealthCheckResult(
            settings.OutboxAgeFailsReadiness ? HealthStatus.Unhealthy : HealthStatus.Degraded,
            string.Create(CultureInfo.InvariantCulture, $"The oldest of {tally.Count} jobs in the outbox was committed {age} s ago, more than {(long)settings.OutboxMaxAge.TotalSeconds} s: no job engine takes jobs."),
            data: data);
    }
}
