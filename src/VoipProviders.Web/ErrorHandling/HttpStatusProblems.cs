using Microsoft.Extensions.Options;
using VoipProviders.Web.Http;

namespace VoipProviders.Web.ErrorHandling;

/// <summary>
/// The machine-readable <c>code</c> and a caller-safe detail for answers the framework gives on its own — no endpoint
/// for the path, the wrong method, authentication, limits — so every error a client sees carries a code.
/// </summary>
internal static class HttpStatusProblems
{
    public const string InternalErrorCode = "internal_error";
    public const string DatabaseUnavailableCode = "database_unavailable";
    public const string RateLimitedCode = "rate_limited";
    public const string PayloadTooLargeCode = "payload_too_large";

    public static (string Code, string Detail) Describe(HttpContext httpContext, int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("bad_request", "The request could not be read."),
        StatusCodes.Status401Unauthorized => ("unauthorized", "Send a valid bearer token in the Authorization header."),
        StatusCodes.Status403Forbidden => ("forbidden", "The bearer token does not allow this request (it needs an org_id claim)."),
        StatusCodes.Status404NotFound when httpContext.GetEndpoint() is null => ("route_not_found", "No endpoint exists at this path."),
        StatusCodes.Status404NotFound => ("not_found", "The resource does not exist."),
        StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "The endpoint does not support this HTTP method; see the Allow header."),
        StatusCodes.Status406NotAcceptable => ("not_acceptable", "The endpoint answers with JSON only."),
        StatusCodes.Status408RequestTimeout => ("request_timeout", "The request was not received in time."),
        StatusCodes.Status411LengthRequired => ("length_required", "The request needs a Content-Length header."),
        StatusCodes.Status413PayloadTooLarge => (PayloadTooLargeCode, $"The request body is larger than {MaxRequestBodyBytes(httpContext)} bytes."),
        StatusCodes.Status414UriTooLong => ("uri_too_long", "The request URI is too long."),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send the request body as application/json."),
        StatusCodes.Status429TooManyRequests => (RateLimitedCode, "Too many changes for this organization; wait for Retry-After seconds."),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ("request_headers_too_large", "The request headers are too large."),
        StatusCodes.Status500InternalServerError => (InternalErrorCode, "The request failed unexpectedly. Quote the traceId when you report it."),
        StatusCodes.Status503ServiceUnavailable => ("service_unavailable", "The service is unavailable; try again later."),
        _ => ($"http_{status}", "The request could not be processed."),
    };

    private static int MaxRequestBodyBytes(HttpContext httpContext) =>
        httpContext.RequestServices.GetService<IOptions<ApiOptions>>()?.Value.MaxRequestBodyBytes ?? ApiOptions.DefaultMaxRequestBodyBytes;
}
