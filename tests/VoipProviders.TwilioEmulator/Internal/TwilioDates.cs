using System.Globalization;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Date renderings: RFC 2822 for api v2010, ISO 8601 (UTC, seconds) for trunking v1.</summary>
internal static class TwilioDates
{
    public static string Rfc2822(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string Iso8601(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Twilio dates have second precision; truncating keeps snapshots equal to what clients parse.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
