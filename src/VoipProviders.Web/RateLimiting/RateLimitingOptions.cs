using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.RateLimiting;

/// <summary>Settings under <c>RateLimiting</c>.</summary>
[OptionsSection(SectionName)]
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";
    public const int DefaultMutatingRequestsPerMinutePerOrganization = 120;

    /// <summary>POST, PUT, PATCH and DELETE requests under <c>/api</c> one organization may make per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int MutatingRequestsPerMinutePerOrganization { get; set; } = DefaultMutatingRequestsPerMinutePerOrganization;
}
