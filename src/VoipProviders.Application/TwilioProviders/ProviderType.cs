namespace VoipProviders.Application.TwilioProviders;

/// <summary>The discriminator of provider DTOs; serialized in camelCase ("twilio").</summary>
public enum ProviderType
{
    Twilio,
}
