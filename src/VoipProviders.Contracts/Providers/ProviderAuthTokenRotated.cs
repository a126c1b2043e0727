namespace VoipProviders.Contracts.Providers;

/// <summary>
/// The provider's Twilio Auth Token was replaced (the new one was validated with Twilio first); the old one no longer
/// works once <see cref="Method"/> is <c>managed</c> (Twilio's promotion ended it). Carries no token.
/// </summary>
/// <param name="AuthTokenUpdatedAt">When the provider started using the new token.</param>
/// <param name="Method"><c>manual</c> (a caller sent a new token) or <c>managed</c> (the module rotated it through Twilio's secondary token).</param>
public sealed record ProviderAuthTokenRotated(DateTimeOffset AuthTokenUpdatedAt, string Method = ProviderAuthTokenRotated.Manual) : IntegrationEvent
{
    public const string Manual = "manual";
    public const string Managed = "managed";
}
