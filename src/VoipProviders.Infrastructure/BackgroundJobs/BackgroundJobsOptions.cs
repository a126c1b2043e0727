using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>Settings under <c>BackgroundJobs</c>: the Quartz.NET scheduler that runs durable jobs, clustered on PostgreSQL.</summary>
[OptionsSection(SectionName)]
public sealed class BackgroundJobsOptions
{
    public const string SectionName = "BackgroundJobs";

    /// <summary>
    /// Whether this replica runs jobs. Replicas with <c>false</c> still enqueue jobs (in the outbox, with their
    /// commits); any replica with <c>true</c> runs them. Every job runs once, cluster-wide.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this replica runs at the same time.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often the outbox is checked for jobs whose commit did not reach the scheduler (a crash right after it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest the scheduler sleeps before looking for work another replica scheduled (Quartz needs ≥ 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each replica reports itself alive; a replica silent for longer has its running jobs recovered elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a job whose run asks for one (after the first run).</summary>
    [Range(1, 100)]
    public int MaxRetries { get; set; } = 20;

    /// <summary>The wait before the first retry; it doubles with every retry, up to <see cref="MaxRetryDelay"/>, ±20 % jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
}
