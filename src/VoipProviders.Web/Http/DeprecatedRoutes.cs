namespace VoipProviders.Web.Http;

/// <summary>
/// Routes of the first API shape that crossed a provider type's routes (<c>/api/v1/providers/{id}/verify</c> against
/// <c>/api/v1/providers/twilio/{id}</c>): still served, left out of the OpenAPI document, and marked on every answer
/// with <c>Deprecation</c> (RFC 9745) and a <c>Link</c> to the route that replaces them (ADR-022).
/// </summary>
internal static class DeprecatedRoutes
{
    /// <summary>When these routes were deprecated, 2026-12-06T00:00:00Z, as an RFC 9651 date.</summary>
    public const string DeprecatedSince = "@1796515200";

    /// <summary>
    /// Serves the route as a deprecated alias of <paramref name="successorTemplate"/>, whose <c>{name}</c> segments are
    /// filled from this request's route values.
    /// </summary>
    public static RouteHandlerBuilder DeprecatedInFavourOf(this RouteHandlerBuilder builder, string successorTemplate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(successorTemplate);
        return builder
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var link = $"<{Successor(successorTemplate, http.Request.RouteValues)}>; rel=\"successor-version\"";
                // On starting: an answer the exception handler writes has had its headers cleared by then.
                http.Response.OnStarting(
                    static state =>
                    {
                        var (response, value) = ((HttpResponse, string))state;
                        response.Headers["Deprecation"] = DeprecatedSince;
                        response.Headers.Link = value;
                        return Task.CompletedTask;
                    },
                    (http.Response, link));
                return await next(context);
            });
    }

    private static string Successor(string template, RouteValueDictionary values)
    {
        var path = template;
        foreach (var (name, value) in values)
        {
            path = path.Replace($"{{{name}}}", Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty), StringComparison.Ordinal);
        }

        return path;
    }
}
