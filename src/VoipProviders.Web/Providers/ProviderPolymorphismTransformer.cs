using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.Providers;

namespace VoipProviders.Web.Providers;

/// <summary>
/// Describes <see cref="ProviderResponse"/> as what it is on the wire: <c>oneOf</c> the concrete provider DTOs with
/// <c>providerType</c> as the discriminator. Its custom converter hides that from the schema generator, which would
/// otherwise show an empty object (and drop it from lists), so lists of it are pointed at the component here too.
/// </summary>
internal sealed class ProviderPolymorphismTransformer(ProviderTypes types) : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    private const string Component = nameof(ProviderResponse);
    private const string ListItemMarker = "x-voipproviders-items:" + Component;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(string) && typeof(IEnumerable<ProviderResponse>).IsAssignableFrom(type))
        {
            // Replaced by a reference once every schema exists (below); a reference made now would be inlined empty.
            schema.Items = new OpenApiSchema { Description = ListItemMarker };
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return Task.CompletedTask;
        }

        var mapping = types.All.ToDictionary(
            registration => registration.Type.Name,
            registration => new OpenApiSchemaReference(registration.ResponseType.Name, document));
        schemas[Component] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A provider of any type; providerType says which, and so which fields it has.",
            OneOf = [.. types.All.Select(registration => (IOpenApiSchema)new OpenApiSchemaReference(registration.ResponseType.Name, document))],
            Discriminator = new OpenApiDiscriminator { PropertyName = "providerType", Mapping = mapping },
        };

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.Items is OpenApiSchema { Description: ListItemMarker })
                {
                    property.Items = new OpenApiSchemaReference(Component, document);
                }
            }
        }

        return Task.CompletedTask;
    }
}
