using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.Providers;

namespace VoipProviders.Web.Providers;

/// <summary>The discriminator is a string, one of the provider types this host serves.</summary>
internal sealed class ProviderTypeSchemaTransformer(ProviderTypes types) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProviderType))
        {
            schema.Type = null;
            schema.Properties = null;
            schema.Enum = [.. types.Names.Select(name => (JsonNode)JsonValue.Create(name))];
            schema.Description = "The discriminator of provider DTOs: which kind of provider a response shows (\"twilio\").";
        }

        return Task.CompletedTask;
    }
}
