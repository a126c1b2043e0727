using VoipProviders.Application.Providers;

namespace VoipProviders.Application.Twilio;

/// <summary>The provider type whose providers are Twilio accounts, as the API names it (<c>providerType: "twilio"</c>).</summary>
public static class TwilioProviderKind
{
    public static ProviderType Type { get; } = new("twilio");
}
