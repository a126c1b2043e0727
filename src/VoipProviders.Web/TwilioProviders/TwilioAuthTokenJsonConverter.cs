using System.Text.Json;
using System.Text.Json.Serialization;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>
/// Reads an Auth Token from a JSON string (any string: validation names the field if it is malformed). Refuses to
/// write one: no response, log or example can ever carry a token through the serializer.
/// </summary>
internal sealed class TwilioAuthTokenJsonConverter : JsonConverter<TwilioAuthToken>
{
    public override bool HandleNull => false;

    public override TwilioAuthToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? TwilioAuthToken.From(reader.GetString())
            : throw new JsonException("An Auth Token is a JSON string.");

    public override void Write(Utf8JsonWriter writer, TwilioAuthToken value, JsonSerializerOptions options) =>
        throw new InvalidOperationException("An Auth Token is never serialized.");
}
