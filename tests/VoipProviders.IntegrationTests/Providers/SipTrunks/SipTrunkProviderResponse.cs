using System.Text.Json.Serialization;
using VoipProviders.Application.Providers;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>A generic SIP trunk provider as callers see it: the fields every provider has, plus its host.</summary>
public sealed record SipTrunkProviderResponse : ProviderResponse
{
    [JsonPropertyOrder(-8)]
    public override ProviderType ProviderType => SipTrunkProviderType.Type;

    public required string Host { get; init; }
}
