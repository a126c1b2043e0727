using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>Settings under <c>Verification</c>: when and how hard providers are re-verified.</summary>
[OptionsSection(SectionName)]
public sealed class VerificationOptions
{
    public const string SectionName = "Verification";

    /// <summary>
    /// Every provider is re-verified this long after its last verification (manual, after a change or scheduled), plus
    /// up to a tenth of it at random so that providers created together do not stay in step. Never sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether this replica runs the scheduled sweep when the job engine fires it (set it alike on every replica: a
    /// firing that lands on a replica with <c>false</c> does nothing). Manual and after-change verification still run.
    /// </summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>How often the scheduled sweep looks for providers that are due; one sweep runs at a time, cluster-wide.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Scheduled and background verifications this replica runs at the same time.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Verifications of one upstream account (a Twilio account) this replica runs at the same time (each makes several calls).</summary>
    [Range(1, 16)]
    public int MaxConcurrencyPerAccount { get; set; } = 2;

    /// <summary>The longest one verification may take; a run still going then is inconclusive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When a scheduled run was inconclusive (the upstream service unavailable), the provider is tried again after about this long
    /// (±50 % jitter, so providers that failed together do not retry together), never later than <see cref="Interval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan InconclusiveRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a successful create, rotation or trunk-changing update re-verifies the provider in the background.</summary>
    public bool VerifyAfterChanges { get; set; } = true;

    /// <summary>Runs of a background verification after a change while the upstream service is unavailable, before the sweep takes over.</summary>
    [Range(1, 20)]
    public int AttemptsAfterChange { get; set; } = 3;

    /// <summary>
    /// How long past its due time a provider may wait for its scheduled verification before the operator's view of
    /// background work (and its gauge) counts it overdue: longer than a sweep period and a run take together.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a run may hold a provider before another may start: the timeout plus room for the throttle's queue.</summary>
    public TimeSpan Lease => (Timeout * 2) + TimeSpan.FromSeconds(30);
}
