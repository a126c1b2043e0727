using System.Text.Json;
using System.Text.Json.Serialization;
using VoipProviders.Contracts;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Every integration event of the contracts, by its stable name (the type's name), and how events are written to and
/// read from the outbox (camelCase JSON, enums as camelCase strings).
/// </summary>
internal static class IntegrationEventTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Dictionary<string, Type> ByName = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsSubclassOf(typeof(IntegrationEvent)))
        .ToDictionary(type => type.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> All => ByName.Values;

    public static string NameOf(Type type) =>
        ByName.TryGetValue(type.Name, out var known) && known == type
            ? type.Name
            : throw new ArgumentException($"{type.FullName} is not an integration event of the contracts.", nameof(type));

    public static bool TryGetType(string name, out Type type) => ByName.TryGetValue(name, out type!);

    public static string Serialize(IntegrationEvent integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json);

    public static IntegrationEvent Deserialize(string payload, Type type) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(payload, type, Json)
            ?? throw new JsonException($"The stored {type.Name} is empty."));
}
