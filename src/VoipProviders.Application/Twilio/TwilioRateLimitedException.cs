namespace VoipProviders.Application.Twilio;

/// <summary>Twilio kept answering 429 Too Many Requests beyond the retries we allow ourselves.</summary>
public sealed class TwilioRateLimitedException(TimeSpan? retryAfter, int? twilioErrorCode, Exception? innerException = null)
    : TwilioGatewayException("Twilio is rate-limiting requests for this account.", twilioErrorCode, 429, innerException)
{
    /// <summary>How long to wait before trying again: Twilio's Retry-After, or a default once our retries are spent.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
