using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.Common.Models;
using VoipProviders.Web.Http;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// Documents the ETag on responses that show a versioned resource and on every 200 of a tagged GET, If-Match on the
/// endpoints that honour it, and If-None-Match with its 304 on the tagged GETs (ADR-019).
/// </summary>
internal sealed class ConcurrencyHeadersOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        foreach (var response in description.SupportedResponseTypes)
        {
            if (response.Type is { } type && typeof(IVersionedResource).IsAssignableFrom(type)
                && operation.Responses?.TryGetValue(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented) == true
                && documented is OpenApiResponse openApiResponse)
            {
                openApiResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                openApiResponse.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The version this response shows. Send it back in If-Match to change only that version.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        var taggedGet = string.Equals(description.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)
            && description.ActionDescriptor.EndpointMetadata.OfType<EntityTagsMetadata>().Any();
        if (taggedGet && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse okResponse)
        {
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers.TryAdd("ETag", new OpenApiHeader
            {
                Description = "Tags what this response shows. Send it back in If-None-Match to be answered 304 while it is current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "Not Modified: what If-None-Match names is current. No body; the ETag header names it again.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "ETags from earlier responses (or *): when one is still current the answer is 304 without a body (weak comparison).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (description.ActionDescriptor.EndpointMetadata.OfType<IfMatchMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = EntityTags.IfMatchHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "An ETag from a GET (or *): the change is made only if the provider is still at that version, else 412 and nothing changes.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
