using System.ComponentModel.DataAnnotations;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Settings under <c>TwilioResourceCleanup</c>: how the clean-up after a deleted provider gives up.</summary>
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
}
