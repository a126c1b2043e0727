using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoipProviders.Web.Json;

/// <summary>Writes every timestamp as ISO 8601 in UTC with a 'Z' (2026-11-25T09:30:00.123456Z); reads any ISO 8601 offset.</summary>
internal sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        // The writer's own ISO 8601 form of a UTC DateTime: 'Z', trailing zeros of the fraction trimmed — the same
        // text as "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", without formatting a string first.
        writer.WriteStringValue(value.UtcDateTime);
}
