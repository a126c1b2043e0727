using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace VoipProviders.Infrastructure.UnitTests.Fakes;

/// <summary>
/// Stands in for Twilio at the HTTP level: answers each request with the next scripted response (or a default),
/// and records what was sent. The SDK above it is real.
/// </summary>
internal sealed class ScriptedTwilioHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public Func<HttpRequestMessage, HttpResponseMessage> Default { get; set; } = _ => Json(HttpStatusCode.OK, "{}");

    public void Enqueue(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        _script.Enqueue((request, _) => Task.FromResult(respond(request)));

    public void Enqueue(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _script.Enqueue(respond);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage TwilioError(HttpStatusCode status, int code, string? retryAfter = null)
    {
        var response = Json(status, $$"""{"code":{{code}},"message":"error {{code}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{(int)status}}}""");
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return _script.TryDequeue(out var respond) ? respond(request, cancellationToken) : Task.FromResult(Default(request));
    }
}
