using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>Twilio kept answering 429 Too Many Requests beyond the retries we allow ourselves.</summary>
public sealed class TwilioRateLimitedException(TimeSpan? retryAfter, int? twilioErrorCode, Exception? innerException = null)
    : TwilioGatewayException("Twilio is rate-limiting requests for this account.", twilioErrorCode, 429, innerException)
{
    /// <summary>How long to wait before trying again: Twilio's Retry-After, or a default once our retries are spent.</summary>
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override FailureKind Kind => FailureKind.TemporarilyUnavailable;

    public override string Code => "twilio_rate_limited";

    public override string Title => "Twilio is rate-limiting this account";

    public override string Detail => "Twilio asked us to slow down. Retry after the time in the Retry-After header.";
}
