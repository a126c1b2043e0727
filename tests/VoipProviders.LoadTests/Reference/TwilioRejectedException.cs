namespace VoipProviders.LoadTests.Reference;

/// <summary>Twilio refused the credentials (401/403).</summary>
internal sealed class TwilioRejectedException(int httpStatus, int? twilioErrorCode)
    : Exception($"Twilio rejected the credentials with HTTP {httpStatus}.")
{
    public int HttpStatus { get; } = httpStatus;

    public int? TwilioErrorCode { get; } = twilioErrorCode;
}
