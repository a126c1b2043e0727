using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Web.Infrastructure;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// Lists the document's tags by name, so the API reference groups operations the same way whichever feature maps its
/// endpoints first, each with its group's description.
/// </summary>
internal sealed class TagOrderTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && EndpointGroupExtensions.TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        if (document.Tags is { Count: > 1 } tags)
        {
            document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        }

        return Task.CompletedTask;
    }
}
