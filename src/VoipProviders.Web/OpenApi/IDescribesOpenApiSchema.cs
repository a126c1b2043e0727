using Microsoft.OpenApi;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// A request type that finishes its own OpenAPI schema — examples, allowed values — next to its fields, instead of a
/// central transformer that grows with every request.
/// </summary>
public interface IDescribesOpenApiSchema
{
    static abstract void Describe(OpenApiSchema schema);
}
