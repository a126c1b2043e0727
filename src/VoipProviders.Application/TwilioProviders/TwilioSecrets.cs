using VoipProviders.Application.Common.Security;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The secrets a Twilio provider keeps, each protected for its own purpose (the names are part of every stored ciphertext).</summary>
public static class TwilioSecrets
{
    public static SecretPurpose AuthToken { get; } = new("TwilioAuthToken");

    public static SecretPurpose SipPassword { get; } = new("SipPassword");
}
