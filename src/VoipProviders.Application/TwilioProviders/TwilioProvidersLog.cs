using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders;

internal static partial class TwilioProvidersLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Deleting provider {ProviderId}; clean-up {CleanupId} will remove trunk {TrunkSid} and credential list {CredentialListSid} from Twilio")]
    public static partial void ProviderDeleted(this ILogger logger, Guid providerId, Guid cleanupId, string trunkSid, string credentialListSid);
}
