using System.Net.Http.Headers;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Ambient state of one attempt of one Twilio call. The SDK neither takes a CancellationToken nor exposes response
/// headers, so the adapter opens a scope around each SDK call and <see cref="TwilioCallScopeHandler"/> uses it:
/// the attempt's token cancels the HTTP request, and the status seen on the wire and a Retry-After header are captured
/// (the SDK reports status 0 for error bodies that are not Twilio's JSON, and hides the headers).
/// </summary>
internal sealed class TwilioCallScope : IDisposable
{
    private static readonly AsyncLocal<TwilioCallScope?> Ambient = new();
    private readonly TwilioCallScope? _previous;

    private TwilioCallScope(CancellationToken cancellationToken, TwilioCallScope? previous)
    {
        CancellationToken = cancellationToken;
        _previous = previous;
    }

    public static TwilioCallScope? Current => Ambient.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>The HTTP status of the attempt's response, as it arrived (null when no response arrived).</summary>
    public int? HttpStatus { get; private set; }

    public RetryConditionHeaderValue? RetryAfter { get; private set; }

    public DateTimeOffset? ResponseDate { get; private set; }

    public static TwilioCallScope Begin(CancellationToken cancellationToken)
    {
        var scope = new TwilioCallScope(cancellationToken, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    public void Record(HttpResponseMessage response)
    {
        HttpStatus = (int)response.StatusCode;
        RetryAfter = response.Headers.RetryAfter;
        ResponseDate = response.Headers.Date;
    }

    /// <summary>The wait Twilio asked for, as a duration (an HTTP-date is taken relative to <paramref name="now"/>).</summary>
    public TimeSpan? RetryAfterDelay(DateTimeOffset now) => RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (ResponseDate ?? now) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    public void Dispose() => Ambient.Value = _previous;
}
