using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Settings under <c>PhoneNumbers</c>.</summary>
[OptionsSection(SectionName)]
public sealed class PhoneNumberOptions
{
    public const string SectionName = "PhoneNumbers";

    /// <summary>How many numbers one import attaches to the trunk at the same time (Twilio's per-account concurrency is limited).</summary>
    [Range(1, 64)]
    public int MaxParallelAttaches { get; set; } = 8;
}
