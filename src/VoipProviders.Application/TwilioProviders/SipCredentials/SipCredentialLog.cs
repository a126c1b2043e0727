using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.TwilioProviders.SipCredentials;

internal static partial class SipCredentialLog
{
    [LoggerMessage(EventId = 1811, Level = LogLevel.Information, Message = "SIP credential {SipUsername} of provider {ProviderId} rotated to {NewSipUsername} (version {CredentialVersion}); the old one retires at {RetireAt:o}.")]
    public static partial void SipCredentialRotated(this ILogger logger, string sipUsername, Guid providerId, string newSipUsername, int credentialVersion, DateTimeOffset retireAt);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Information, Message = "SIP credential {SipUsername} retired from credential list {CredentialListSid} of provider {ProviderId}.")]
    public static partial void SipCredentialRetired(this ILogger logger, string sipUsername, string credentialListSid, Guid providerId);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Warning, Message = "SIP credential {SipUsername} in credential list {CredentialListSid} of provider {ProviderId} could not be retired yet: {Failure}.")]
    public static partial void SipCredentialNotRetired(this ILogger logger, string sipUsername, string credentialListSid, Guid providerId, string failure);

    [LoggerMessage(EventId = 1814, Level = LogLevel.Information, Message = "Dial-out route of provider {ProviderId} (organization {OrganizationId}) read by {Caller}, SIP credential version {CredentialVersion}.")]
    public static partial void DialOutRouteRead(this ILogger logger, Guid providerId, string organizationId, string caller, int credentialVersion);
}
