using System.Text.Encodings.Web;
using System.Text.Json;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// A JSON response written straight into the response body, with an optional ETag; escaped as ASP.NET Core's JSON
/// options escape it (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: "+" and "'" stay as they are).
/// </summary>
internal sealed class JsonWriterResult(int status, string? etag, Action<Utf8JsonWriter> write) : IResult
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, Options))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
