using System.Text.Json.Serialization;

namespace VoipProviders.Application.Providers;

/// <summary>
/// The discriminator of provider DTOs: which kind of provider a response shows, and so which fields it has. Serialized
/// as its name ("twilio"). Every provider type declares its own; the API lists the registered ones.
/// </summary>
[JsonConverter(typeof(ProviderTypeJsonConverter))]
public readonly record struct ProviderType(string Name)
{
    public override string ToString() => Name;
}
