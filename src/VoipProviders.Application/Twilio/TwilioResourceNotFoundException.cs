namespace VoipProviders.Application.Twilio;

/// <summary>Twilio answered 404 for a resource the request named.</summary>
public sealed class TwilioResourceNotFoundException(string message, int? twilioErrorCode, Exception? innerException = null)
    : TwilioGatewayException(message, twilioErrorCode, 404, innerException);
