namespace VoipProviders.Web.Http;

/// <summary>Response headers every answer carries, whatever produced it (an endpoint, a refusal, a problem, a health check).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> on every response: a browser must never guess another type than the one
    /// declared (JSON, problem+json), so a body echoing user input is never run as a script or stylesheet.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
