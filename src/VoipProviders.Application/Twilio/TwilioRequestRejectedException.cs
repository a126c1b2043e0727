using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>Twilio refused a request as invalid (a 4xx other than 401/403/404/429), e.g. 21248 trunk domain taken.</summary>
public sealed class TwilioRequestRejectedException(string message, int? twilioErrorCode, int? httpStatus, Exception? innerException = null)
    : TwilioGatewayException(message, twilioErrorCode, httpStatus, innerException)
{
    public const int TrunkDomainTakenCode = 21248;

    public override FailureKind Kind => FailureKind.UpstreamFailed;

    public override string Code => "twilio_request_failed";

    public override string Title => "Twilio refused the request";

    public override string Detail => "Twilio refused a request the service made on your behalf. Nothing was changed.";
}
