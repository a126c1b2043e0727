using VoipProviders.Application.Common.Models;

namespace VoipProviders.Web.Http;

/// <summary>Adds the ETag of the version a response shows, for every endpoint that answers with a versioned resource.</summary>
internal sealed class ETagResponseFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        if (result is IValueHttpResult { Value: IVersionedResource resource })
        {
            context.HttpContext.Response.Headers.ETag = EntityTags.For(resource.Id, resource.Version);
        }

        return result;
    }
}
