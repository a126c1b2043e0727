namespace VoipProviders.Application.Twilio;

/// <summary>Twilio refused a request as invalid (a 4xx other than 401/403/404/429), e.g. 21248 trunk domain taken.</summary>
public sealed class TwilioRequestRejectedException(string message, int? twilioErrorCode, int? httpStatus, Exception? innerException = null)
    : TwilioGatewayException(message, twilioErrorCode, httpStatus, innerException)
{
    public const int TrunkDomainTakenCode = 21248;
}
