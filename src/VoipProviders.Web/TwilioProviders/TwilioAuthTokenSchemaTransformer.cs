using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>An Auth Token is a write-only string of its shape: accepted in requests, never in a response.</summary>
internal sealed class TwilioAuthTokenSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(TwilioAuthToken))
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = TwilioAuthToken.Pattern;
            schema.WriteOnly = true;
            schema.Description = "A Twilio Auth Token: 32 lowercase hexadecimal characters. Accepted, never returned.";
        }

        return Task.CompletedTask;
    }
}
