using System.Globalization;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>
/// Base of every failure reported by the Twilio gateway. Messages describe the failure only; they never contain
/// credentials.
/// </summary>
public abstract class TwilioGatewayException : UpstreamFailureException
{
    protected TwilioGatewayException(string message, int? twilioErrorCode, int? httpStatus, Exception? innerException)
        : base(message, innerException)
    {
        TwilioErrorCode = twilioErrorCode;
        HttpStatus = httpStatus;
    }

    /// <summary>Twilio's own error code (e.g. 20003), when Twilio sent one.</summary>
    public int? TwilioErrorCode { get; }

    /// <summary>The HTTP status Twilio answered with, when it answered.</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// The failure in a few words that never include a secret — "twilio_unavailable (HTTP 503, Twilio code none)" —
    /// as background jobs record it on what they could not finish.
    /// </summary>
    public string Summary =>
        $"{Code} (HTTP {HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}, Twilio code {TwilioErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})";

    public override IReadOnlyDictionary<string, object> Facts => TwilioErrorCode is { } code
        ? new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["twilioErrorCode"] = code,
            ["twilioMoreInfo"] = $"https://www.twilio.com/docs/errors/{code}",
        }
        : base.Facts;
}
