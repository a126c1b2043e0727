namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// The cache of the account listings behind <c>available-numbers</c>. Configured as <c>Twilio:NumberListCacheSeconds</c>
/// and <c>Twilio:NumberListCacheMaxNumbers</c> (validated with the other Twilio settings, which the Twilio adapter owns).
/// </summary>
public sealed class AvailablePhoneNumberListOptions
{
    public const int DefaultNumberListCacheSeconds = 30;
    public const int DefaultNumberListCacheMaxNumbers = 100_000;

    /// <summary>How long a listing read from Twilio answers further requests on this replica; 0 keeps none (callers still share a read in flight).</summary>
    public int NumberListCacheSeconds { get; set; } = DefaultNumberListCacheSeconds;

    /// <summary>Numbers all cached listings of this replica hold at most; a listing that does not fit is shared while in flight but not kept.</summary>
    public int NumberListCacheMaxNumbers { get; set; } = DefaultNumberListCacheMaxNumbers;
}
