using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.RateLimiting;

/// <summary>Settings under <c>RateLimiting</c>.</summary>
[OptionsSection(SectionName)]
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";
    public const int DefaultMutatingRequestsPerMinutePerOrganization = 120;
    public const int DefaultTwilioReadsPerMinutePerOrganization = 60;
    public const int DefaultConcurrentTwilioReadsPerOrganization = 10;
    public const int DefaultTwilioReadQueueLimitPerOrganization = 50;

    /// <summary>POST, PUT, PATCH and DELETE requests under <c>/api</c> one organization may make per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int MutatingRequestsPerMinutePerOrganization { get; set; } = DefaultMutatingRequestsPerMinutePerOrganization;

    /// <summary>Reads that call Twilio (GET <c>available-numbers</c>) one organization may make per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int TwilioReadsPerMinutePerOrganization { get; set; } = DefaultTwilioReadsPerMinutePerOrganization;

    /// <summary>Reads that call Twilio one organization may have running at once; 0 turns the limit off.</summary>
    [Range(0, 10_000)]
    public int ConcurrentTwilioReadsPerOrganization { get; set; } = DefaultConcurrentTwilioReadsPerOrganization;

    /// <summary>Reads that call Twilio that wait (oldest first) for one of those to end; beyond, 429.</summary>
    [Range(0, 10_000)]
    public int TwilioReadQueueLimitPerOrganization { get; set; } = DefaultTwilioReadQueueLimitPerOrganization;
}
