using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Settings under <c>PhoneNumbers</c>.</summary>
[OptionsSection(SectionName)]
public sealed class PhoneNumberOptions
{
    public const string SectionName = "PhoneNumbers";

    /// <summary>
    /// How many numbers one import attaches (or, when it does not commit, detaches) at the same time (Twilio's per-account
    /// concurrency is limited; <c>Twilio:MaxConcurrentRequestsPerAccount</c> bounds all calls of an account on top).
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelAttaches { get; set; } = 8;

    /// <summary>
    /// How long after an import started its record is reconciled if the import neither committed nor cleaned up after
    /// itself (the process died in between, or its compensation could not detach everything). Longer than any import
    /// takes — an import that commits later still fails safely, but makes its caller retry. Until then the numbers it
    /// claimed cannot be imported by another request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnfinishedImportGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
