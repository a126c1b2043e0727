namespace VoipProviders.Contracts.Providers;

/// <summary>The provider's Twilio Auth Token was replaced (the new one was validated with Twilio first). Carries no token.</summary>
public sealed record ProviderAuthTokenRotated(DateTimeOffset AuthTokenUpdatedAt) : IntegrationEvent;
