namespace VoipProviders.Application.Providers;

/// <summary>A registered provider type: its discriminator and the DTO its providers are shown as.</summary>
public sealed record ProviderTypeRegistration(ProviderType Type, Type ResponseType);
