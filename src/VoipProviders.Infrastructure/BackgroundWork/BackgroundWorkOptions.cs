using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>Settings under <c>BackgroundWork</c>: how stuck background work is observed (gauges) and judged (readiness).</summary>
[OptionsSection(SectionName)]
public sealed class BackgroundWorkOptions
{
    public const string SectionName = "BackgroundWork";

    /// <summary>
    /// How often each replica counts the stuck work for its gauges. The gauges report the last count (and the oldest
    /// item's age as of the moment they are read); the exporter never waits for the database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The oldest a job may wait in the outbox (committed, not yet handed to the job engine) before <c>/health/ready</c>
    /// reports the outbox check failed; <c>00:00:00</c> turns the check off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan OutboxMaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether an outbox older than <see cref="OutboxMaxAge"/> makes readiness fail (503, <c>Unhealthy</c>, the default,
    /// as issue #23 asks) or only report it (200, <c>Degraded</c>). The outbox is shared: when it is stuck it is stuck for
    /// every replica, and failing readiness takes them all out of the load balancer at once (ADR-021).
    /// </summary>
    public bool OutboxAgeFailsReadiness { get; set; } = true;
}
