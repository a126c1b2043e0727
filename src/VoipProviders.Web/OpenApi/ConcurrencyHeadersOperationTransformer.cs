using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.Common.Models;
using VoipProviders.Web.Http;

namespace VoipProviders.Web.OpenApi;

/// <summary>Documents the ETag on responses that show a versioned resource, and If-Match on the endpoints that honour it.</summary>
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
