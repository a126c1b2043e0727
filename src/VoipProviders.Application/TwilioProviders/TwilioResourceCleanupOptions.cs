using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Settings under <c>TwilioResourceCleanup</c>: how the clean-up after a deleted provider gives up, and when an
/// unfinished connect's resources are reconciled.
/// </summary>
[OptionsSection(SectionName)]
public sealed class TwilioResourceCleanupOptions
{
    public const string SectionName = "TwilioResourceCleanup";

    /// <summary>
    /// Runs after which a clean-up whose credentials Twilio keeps rejecting stops (the tenant rotated or revoked the
    /// token after deleting the provider; it will not start working again by itself). Other failures are retried for
    /// as long as the background job retry policy allows.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttemptsWhenCredentialsRejected { get; set; } = 3;

    /// <summary>
    /// How long after a connect started its provisioning intent is reconciled if the connect neither committed nor
    /// cleaned up after itself (the process died in between). Longer than any connect takes — a connect that commits
    /// later still fails safely, but makes its caller retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnfinishedConnectGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
