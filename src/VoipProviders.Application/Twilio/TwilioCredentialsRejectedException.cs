using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>Twilio did not accept the Account SID and Auth Token (HTTP 401/403, or the account is unknown to them).</summary>
public sealed class TwilioCredentialsRejectedException(int? twilioErrorCode, int? httpStatus, Exception? innerException = null)
    : TwilioGatewayException("Twilio rejected the Account SID and Auth Token.", twilioErrorCode, httpStatus, innerException)
{
    public override FailureKind Kind => FailureKind.Unprocessable;

    public override string Code => "twilio_credentials_rejected";

    public override string Title => "Twilio rejected the credentials";

    public override string Detail => "Twilio did not accept the Account SID and Auth Token. Check both in the Twilio Console.";
}
