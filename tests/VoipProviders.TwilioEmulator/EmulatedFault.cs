using Microsoft.AspNetCore.WebUtilities;

namespace VoipProviders.TwilioEmulator;

/// <summary>
/// A failure the emulator answers with instead of the normal response. Faults are queued per operation
/// (<see cref="TwilioEmulatorState.EnqueueFaults"/>) and consumed one per matching request, in order.
/// A fault is applied before authentication and validation (like a failure at Twilio's edge), unless
/// <see cref="ApplyThenFail"/> is set.
/// </summary>
public sealed record EmulatedFault
{
    /// <summary>HTTP status to answer with.</summary>
    public int Status { get; init; } = StatusCodes.Status500InternalServerError;

    /// <summary>The JSON <c>code</c>; defaults to 20003 for 401 and to 20000 + status otherwise (20429, 20500, 20503, ...).</summary>
    public int? TwilioCode { get; init; }

    /// <summary>The JSON <c>message</c>; defaults to the HTTP reason phrase (e.g. "Too Many Requests").</summary>
    public string? Message { get; init; }

    /// <summary>Raw <c>Retry-After</c> header value (e.g. "1" or an HTTP-date); null sends no header.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>How long to wait before answering (after the normal effect when <see cref="ApplyThenFail"/>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Perform the normal handling (auth, validation, state change) and then answer with this fault: an ambiguous failure.</summary>
    public bool ApplyThenFail { get; init; }

    /// <summary>Abort the TCP connection instead of answering (after <see cref="Delay"/>); the SDK sees an ApiConnectionException.</summary>
    public bool AbortConnection { get; init; }

    /// <summary>The JSON <c>code</c> actually sent.</summary>
    public int EffectiveTwilioCode => TwilioCode ?? (Status == StatusCodes.Status401Unauthorized ? TwilioErrorCodes.Authenticate : 20000 + Status);

    /// <summary>The JSON <c>message</c> actually sent.</summary>
    public string EffectiveMessage => Message ?? (ReasonPhrases.GetReasonPhrase(Status) is { Length: > 0 } phrase ? phrase : "Error");

    /// <summary>A plain HTTP failure, e.g. <c>Http(503)</c>.</summary>
    public static EmulatedFault Http(int status, int? twilioCode = null, string? message = null) =>
        new() { Status = status, TwilioCode = twilioCode, Message = message };

    /// <summary>429 with code 20429 "Too Many Requests"; <paramref name="retryAfter"/> is sent as the raw Retry-After header when not null.</summary>
    public static EmulatedFault RateLimited(string? retryAfter = null) =>
        new() { Status = StatusCodes.Status429TooManyRequests, TwilioCode = TwilioErrorCodes.TooManyRequests, Message = "Too Many Requests", RetryAfter = retryAfter };

    /// <summary>Waits <paramref name="delay"/> (longer than the client is willing to wait) and then answers 504.</summary>
    public static EmulatedFault Timeout(TimeSpan delay) =>
        new() { Status = StatusCodes.Status504GatewayTimeout, Delay = delay };

    /// <summary>Performs the real effect, then answers <paramref name="status"/>: the client cannot know whether the call worked.</summary>
    public static EmulatedFault AppliedThenFailed(int status = StatusCodes.Status500InternalServerError) =>
        new() { Status = status, ApplyThenFail = true };

    /// <summary>Drops the connection without an HTTP response.</summary>
    public static EmulatedFault ConnectionReset() => new() { Status = 0, AbortConnection = true };
}
