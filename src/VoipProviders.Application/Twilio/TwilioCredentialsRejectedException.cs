namespace VoipProviders.Application.Twilio;

/// <summary>Twilio did not accept the Account SID and Auth Token (HTTP 401/403, or the account is unknown to them).</summary>
public sealed class TwilioCredentialsRejectedException(int? twilioErrorCode, int? httpStatus, Exception? innerException = null)
    : TwilioGatewayException("Twilio rejected the Account SID and Auth Token.", twilioErrorCode, httpStatus, innerException);
