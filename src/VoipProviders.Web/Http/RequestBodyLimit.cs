using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace VoipProviders.Web.Http;

/// <summary>
/// Caps request bodies at <c>Api:MaxRequestBodyBytes</c>. A declared Content-Length over the cap is refused before the
/// body is read; a chunked body is cut off by Kestrel when it passes the cap (a 413 <c>BadHttpRequestException</c>,
/// which the exception handler answers). Both end as 413 problem+json <c>payload_too_large</c>.
/// </summary>
internal static class RequestBodyLimit
{
    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>Answers 413 (the status-code pages write the problem) when the declared body is over the cap.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var maxBytes = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        return app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                // The unread body stays on the wire: close the connection after answering, so the client does not
                // send its next request on it.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                context.Response.Headers.Connection = "close";
                return;
            }

            await next(context);
        });
    }
}
