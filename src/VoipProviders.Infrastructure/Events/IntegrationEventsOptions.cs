using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Events;

/// <summary>Settings under <c>IntegrationEvents</c>: delivery of the outbox's events to in-process handlers.</summary>
[OptionsSection(SectionName)]
public sealed class IntegrationEventsOptions
{
    public const string SectionName = "IntegrationEvents";

    /// <summary>Attempts per delivery (the first included) before it is parked for an operator.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with every failure up to <see cref="MaxRetryDelay"/>, ±20 % jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the durable trigger looks for a dispatcher run to start (cluster-wide, one at a time). A run delivers
    /// while its replica's scheduler runs, looking every <see cref="IdlePollInterval"/> for new deliveries (at once after
    /// a local commit); after its replica stops, the next firing starts one on another replica.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DispatchPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dispatcher with nothing to deliver waits before it looks again (commits on other replicas).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliveries read per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Handler/provider streams delivered side by side (each stream in order).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How long one handler call may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days a delivered event is kept (for investigation) before the clean-up deletes it.</summary>
    [Range(1, 365)]
    public int RetentionDays { get; set; } = 7;
}
