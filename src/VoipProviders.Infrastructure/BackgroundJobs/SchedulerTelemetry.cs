using Quartz.Diagnostics;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>The scheduler's own telemetry names (Quartz 4 traces each job run and measures its scheduler), for the host to subscribe to.</summary>
public static class SchedulerTelemetry
{
    public const string ActivitySourceName = QuartzInstrumentation.ActivitySourceName;

    public const string MeterName = QuartzInstrumentation.MeterName;
}
