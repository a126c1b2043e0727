using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// The document's title, description and licence, and its server URLs without the trailing slash the framework writes
/// (the paths start with one: <c>https://host/</c> + <c>/api/v1/…</c> would double it).
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "VoipProviders API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Connects an organization's own VoIP provider accounts (Twilio today) to the voice-AI platform: credentials checked "
            + "with the provider, an Elastic SIP trunk built in the tenant's account, its phone numbers imported, health verified "
            + "and credentials rotated safely. Errors are application/problem+json with a machine-readable code.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        return Task.CompletedTask;
    }
}
