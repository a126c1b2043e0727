using System.Diagnostics.Metrics;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// How background job runs end (meter <c>VoipProviders.BackgroundJobs</c>), by job name — a small, fixed set (the
/// <c>[BackgroundJob]</c> names) — and outcome.
/// </summary>
internal sealed class BackgroundJobsMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.BackgroundJobs";

    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public BackgroundJobsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _runs = _meter.CreateCounter<long>(
            "voip_providers.background_jobs.runs",
            "{run}",
            "Runs of background jobs by outcome: completed, gave_up, retry_later, failed (threw, will be retried), abandoned (out of retries), dropped (unknown or unreadable job).");
        _duration = _meter.CreateHistogram<double>("voip_providers.background_jobs.run.duration", "s", "How long a background job's run took.");
    }

    public void RunEnded(string jobName, string outcome, TimeSpan duration)
    {
        KeyValuePair<string, object?>[] tags = [new("voip_providers.job.name", jobName), new("voip_providers.job.outcome", outcome)];
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
