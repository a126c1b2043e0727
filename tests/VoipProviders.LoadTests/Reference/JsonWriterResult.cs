using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// A JSON response written by hand, escaped as ASP.NET Core's JSON options escape it
/// (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: "+" and "'" stay as they are). With an ETag, the body is
/// written to a buffer first and tagged by its bytes (as the project tags what it answers); without, straight into the
/// response.
/// </summary>
internal sealed class JsonWriterResult(int status, Func<ReadOnlyMemory<byte>, string>? etagOf, Action<Utf8JsonWriter> write) : IResult
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        if (etagOf is null)
        {
            await using (var writer = new Utf8JsonWriter(response.BodyWriter, Options))
            {
                write(writer);
            }

            await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        await using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        response.Headers.ETag = etagOf(buffer.WrittenMemory);
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
