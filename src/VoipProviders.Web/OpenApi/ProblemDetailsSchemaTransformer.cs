using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// Documents the members every problem carries beyond RFC 9457 (<c>code</c>, <c>traceId</c>; <c>retryAfterSeconds</c>
/// with a <c>Retry-After</c>), so that generated clients can switch on <c>code</c> without a cast. A problem may carry
/// more members of its own (e.g. <c>twilioErrorCode</c>, <c>affectedAgents</c>), which the document leaves open.
/// </summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(ProblemDetails) && type != typeof(HttpValidationProblemDetails))
        {
            return Task.CompletedTask;
        }

        schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Why, as a stable snake_case word to switch on: validation_failed, not_found, precondition_failed, twilio_credentials_rejected…",
            Examples = [JsonValue.Create("precondition_failed")],
        };
        schema.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's trace identifier, to quote to support; also in the server's log.",
        };
        schema.Properties["retryAfterSeconds"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Description = "With 429 and 503: how long to wait before trying again, as the Retry-After header says.",
        };
        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        schema.Required.Add("code");
        schema.Required.Add("traceId");
        schema.AdditionalProperties = new OpenApiSchema();
        return Task.CompletedTask;
    }
}
