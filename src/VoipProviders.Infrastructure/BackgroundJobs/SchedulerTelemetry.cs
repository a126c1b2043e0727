using Quartz.Diagnostics;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// The scheduler's own spans (Quartz 4 traces each job run), for the host to subscribe to. Its meter is left out: it tags
/// by job key, and every outbox job has a key of its own (ADR-020).
/// </summary>
public static class SchedulerTelemetry
{
    public const string ActivitySourceName = QuartzInstrumentation.ActivitySourceName;
}
