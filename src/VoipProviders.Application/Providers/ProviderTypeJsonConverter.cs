using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoipProviders.Application.Providers;

/// <summary>Writes and reads a <see cref="ProviderType"/> as its name.</summary>
internal sealed class ProviderTypeJsonConverter : JsonConverter<ProviderType>
{
    public override ProviderType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } name
            ? new ProviderType(name)
            : throw new JsonException("A provider type is a non-empty JSON string.");

    public override void Write(Utf8JsonWriter writer, ProviderType value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
