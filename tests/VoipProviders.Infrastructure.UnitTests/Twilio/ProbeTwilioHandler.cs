using System.Collections.Concurrent;
using System.Text;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// Stands in for Twilio at the HTTP level with one asynchronous answer for every request (so answers can block), and
/// counts the requests in flight at once.
/// </summary>
internal sealed class ProbeTwilioHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The Account SID a request authenticates as (the Basic auth user name).</summary>
    public static string AccountOf(HttpRequestMessage request) =>
        request.Headers.Authorization is { Scheme: "Basic", Parameter: { } parameter }
            ? Encoding.UTF8.GetString(Convert.FromBase64String(parameter)).Split(':')[0]
            : string.Empty;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }

        try
        {
            return await respond(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
