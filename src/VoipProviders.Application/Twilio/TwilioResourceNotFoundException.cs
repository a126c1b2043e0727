using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>Twilio answered 404 for a resource the request named.</summary>
public sealed class TwilioResourceNotFoundException(string message, int? twilioErrorCode, Exception? innerException = null)
    : TwilioGatewayException(message, twilioErrorCode, 404, innerException)
{
    public override FailureKind Kind => FailureKind.UpstreamFailed;

    public override string Code => "twilio_request_failed";

    public override string Title => "Twilio refused the request";

    public override string Detail => "Twilio does not know a resource the service asked for on your behalf. Nothing was changed.";
}
