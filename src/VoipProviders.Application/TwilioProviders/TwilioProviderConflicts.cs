using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The conflicts specific to Twilio providers.</summary>
public static class TwilioProviderConflicts
{
    public const string AccountAlreadyConnectedCode = "provider_already_exists";

    public static ConflictException AccountAlreadyConnected(Exception? innerException = null) =>
        new(AccountAlreadyConnectedCode, "A Twilio provider with this Account SID already exists in this organization.", innerException);
}
