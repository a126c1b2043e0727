using Microsoft.AspNetCore.OpenApi;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.Providers;

/// <summary>How the HTTP edge documents providers of every type: the discriminator and the polymorphic provider.</summary>
internal sealed class ProvidersWebServices : IFeatureServices
{
    public void AddServices(IServiceCollection services) =>
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, options =>
        {
            options.AddSchemaTransformer<ProviderTypeSchemaTransformer>();
            options.AddSchemaTransformer<ProviderPolymorphismTransformer>();
            options.AddDocumentTransformer<ProviderPolymorphismTransformer>();
        });
}
