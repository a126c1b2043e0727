using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>
/// Twilio refused to create a secondary Auth Token because the account already has one (409). Twilio does not document
/// this answer; the module reads it as "somebody else's secondary exists" and never deletes it.
/// </summary>
public sealed class TwilioSecondaryAuthTokenExistsException(string message, int? twilioErrorCode, Exception? innerException = null)
    : TwilioGatewayException(message, twilioErrorCode, 409, innerException)
{
    public override FailureKind Kind => FailureKind.Conflict;

    public override string Code => "twilio_secondary_token_exists";

    public override string Title => "The Twilio account already has a secondary Auth Token";

    public override string Detail =>
        "The Twilio account already has a secondary Auth Token that this service did not create. Promote or delete it in the Twilio Console, then start the rotation again.";
}
