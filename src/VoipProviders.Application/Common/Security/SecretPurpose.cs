namespace VoipProviders.Application.Common.Security;

public enum SecretPurpose
{
    TwilioAuthToken,
    SipPassword,
}
