namespace VoipProviders.Contracts.Providers;

/// <summary>The trunk's origination URLs (where inbound calls are sent) now are <see cref="OriginationUris"/>.</summary>
public sealed record OriginationChanged(IReadOnlyList<string> OriginationUris, string? Revision) : IntegrationEvent;
