using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Web.Endpoints;

namespace VoipProviders.Web.OpenApi;

/// <summary>Adds examples and the allowed regions to the provider schemas.</summary>
internal sealed class TwilioProviderSchemaTransformer : IOpenApiSchemaTransformer
{
    private const string ExampleAccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string ExampleAuthToken = "0123456789abcdef0123456789abcdef";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(CreateTwilioProviderRequest))
        {
            if (schema.Properties?.TryGetValue("region", out var region) == true && region is OpenApiSchema regionSchema)
            {
                regionSchema.Enum = [.. TwilioRegion.Codes.Select(code => (JsonNode)JsonValue.Create(code))];
                regionSchema.Default = JsonValue.Create(TwilioRegion.Default.Code);
            }

            schema.Examples =
            [
                new JsonObject
                {
                    ["accountSid"] = ExampleAccountSid,
                    ["authToken"] = ExampleAuthToken,
                    ["name"] = "Production Twilio",
                    ["region"] = "ie1",
                    ["supportsCallTransfer"] = false,
                },
            ];
        }
        else if (type == typeof(UpdateTwilioAuthTokenRequest))
        {
            schema.Examples = [new JsonObject { ["authToken"] = "fedcba9876543210fedcba9876543210" }];
        }
        else if (type == typeof(TwilioProviderResponse))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["id"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
                    ["name"] = "Production Twilio",
                    ["providerType"] = "twilio",
                    ["accountSid"] = ExampleAccountSid,
                    ["verificationStatus"] = "pending",
                    ["lastVerifiedAt"] = null,
                    ["phoneNumberCount"] = 0,
                    ["verificationDetails"] = null,
                    ["trunkSid"] = "TK0123456789abcdef0123456789abcdef",
                    ["terminationUri"] = "sip:vp-3f9a0c1d2e3f4a5b.pstn.dublin.twilio.com",
                    ["region"] = "ie1",
                    ["supportsCallTransfer"] = false,
                },
            ];
        }

        return Task.CompletedTask;
    }
}
