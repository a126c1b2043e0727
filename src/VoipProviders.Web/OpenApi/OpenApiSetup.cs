namespace VoipProviders.Web.OpenApi;

/// <summary>
/// The API's one OpenAPI document. The building blocks add what every operation shares (security, examples, ETags);
/// features add transformers for their own types by configuring <see cref="DocumentName"/>.
/// </summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddVoipProvidersOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddDocumentTransformer<TagOrderTransformer>();
            options.AddSchemaTransformer<TypeDescriptionSchemaTransformer>();
            options.AddSchemaTransformer<ProblemDetailsSchemaTransformer>();
            options.AddOperationTransformer<ConcurrencyHeadersOperationTransformer>();
        });
}
