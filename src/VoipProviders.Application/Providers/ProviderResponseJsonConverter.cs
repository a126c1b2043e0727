using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoipProviders.Application.Providers;

/// <summary>
/// Writes a <see cref="ProviderResponse"/> as its concrete type, whose own <c>providerType</c> property is the
/// discriminator (so a type's DTO carries it as well when it is served on its own), and reads one back by it, among the
/// provider types registered in this process.
/// </summary>
public sealed class ProviderResponseJsonConverter : JsonConverter<ProviderResponse>
{
    private const string DiscriminatorProperty = "providerType";

    private static readonly ConcurrentDictionary<string, Type> ResponseTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes responses of <paramref name="type"/> readable; called when the type is registered. Process-wide, because
    /// System.Text.Json creates the converter from the attribute: every host in the process reads every type registered
    /// in it (writing needs no registry).
    /// </summary>
    public static void Register(ProviderType type, Type responseType) => ResponseTypes[type.Name] = responseType;

    public override ProviderResponse? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(DiscriminatorProperty, out var discriminator)
            || discriminator.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"A provider needs a string '{DiscriminatorProperty}'.");
        }

        var name = discriminator.GetString() ?? string.Empty;
        var type = ResponseTypes.TryGetValue(name, out var responseType)
            ? responseType
            : throw new JsonException($"Unknown {DiscriminatorProperty} '{name}'.");
        return (ProviderResponse?)root.Deserialize(type, options);
    }

    public override void Write(Utf8JsonWriter writer, ProviderResponse value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
