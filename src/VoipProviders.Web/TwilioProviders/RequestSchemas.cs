using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Schema details the Twilio provider requests share.</summary>
internal static class RequestSchemas
{
    public static void AllowRegions(OpenApiSchema schema, bool withDefault)
    {
        if (schema.Properties?.TryGetValue("region", out var region) == true && region is OpenApiSchema regionSchema)
        {
            regionSchema.Enum = [.. TwilioRegion.Codes.Select(code => (JsonNode)JsonValue.Create(code))];
            if (withDefault)
            {
                regionSchema.Default = JsonValue.Create(TwilioRegion.Default.Code);
            }
        }
    }
}
