namespace VoipProviders.Web.Http;

/// <summary>304 Not Modified: the caller's copy (its If-None-Match) is current; no body, the ETag already set.</summary>
internal sealed class NotModifiedResult : IResult, IStatusCodeHttpResult
{
    public static readonly NotModifiedResult Instance = new();

    private NotModifiedResult()
    {
    }

    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }
}
