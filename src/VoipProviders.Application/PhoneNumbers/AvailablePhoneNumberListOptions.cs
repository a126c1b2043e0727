using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>The cache of the account listings behind <c>available-numbers</c>, under <c>Twilio</c>.</summary>
[OptionsSection(SectionName)]
public sealed class AvailablePhoneNumberListOptions
{
    public const string SectionName = "Twilio";

    /// <summary>How long a listing read from Twilio answers further requests on this replica; 0 keeps none (callers still share a read in flight).</summary>
    [Range(0, 3600)]
    public int NumberListCacheSeconds { get; set; } = 30;

    /// <summary>Numbers all cached listings of this replica hold at most; a listing that does not fit is shared while in flight but not kept.</summary>
    [Range(0, 10_000_000)]
    public int NumberListCacheMaxNumbers { get; set; } = 100_000;
}
