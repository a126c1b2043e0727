using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The conflicts specific to Twilio providers.</summary>
public static class TwilioProviderConflicts
{
    public const string AccountAlreadyConnectedCode = "provider_already_exists";

    public const string ConnectInProgressCode = "provider_connect_in_progress";

    /// <summary>Another request is connecting the same account in this organization right now; nothing was done.</summary>
    public static ConflictException ConnectInProgress() =>
        new(ConnectInProgressCode, "Another request is connecting this Twilio account in this organization right now. Nothing was changed; read the providers in a moment.");

    public static ConflictException AccountAlreadyConnected(Exception? innerException = null) =>
        new(AccountAlreadyConnectedCode, "A Twilio provider with this Account SID already exists in this organization.", innerException);
}
