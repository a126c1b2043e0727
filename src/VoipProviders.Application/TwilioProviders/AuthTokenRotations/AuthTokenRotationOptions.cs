using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>Settings under <c>AuthTokenRotation</c> for managed rotations and their policy's scheduler.</summary>
[OptionsSection(SectionName)]
public sealed class AuthTokenRotationOptions
{
    public const string SectionName = "AuthTokenRotation";

    /// <summary>Whether the clustered scheduler starts the rotations that providers' policies make due.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due rotations (one run at a time, cluster-wide).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SchedulerPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most rotations one scheduler run starts (the rest wait for the next run).</summary>
    [Range(1, 1000)]
    public int MaxStartsPerRun { get; set; } = 20;

    /// <summary>A scheduled rotation's first step starts at a random moment within this window, so due rotations spread out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StartJitter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When the retries of a step after the promotion was asked for are spent (Twilio down for hours), the rotation is
    /// taken up again after this long: from the promotion on, a rotation only ever finishes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ResumeAfterExhaustedRetries { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after asking Twilio for a secondary token a create whose answer was never stored may still land in the
    /// account (a cancel, a failure or a stopped replica in between). The secondary of a stopped rotation is deleted, and
    /// the next rotation creates its own, only once this has passed, so that a late create cannot overtake the delete and
    /// leave a secondary behind that fails the next rotation with <c>twilio_secondary_token_exists</c>. Keep it above
    /// <c>Twilio:Resilience:TotalTimeout</c>, the longest a create call is waited for.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan SecondaryCreateSettleTime { get; set; } = TimeSpan.FromMinutes(1);
}
