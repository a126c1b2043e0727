namespace VoipProviders.Application.Providers;

/// <summary>The discriminator of provider DTOs; serialized in camelCase ("twilio").</summary>
public enum ProviderType
{
    Twilio,
}
