using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>
/// Twilio could not be reached or failed (5xx, transport error, timeout) after the retries that were safe, or the
/// circuit breaker is open. For a create, <see cref="OutcomeUnknown"/> says the resource may exist anyway.
/// </summary>
public sealed class TwilioUnavailableException : TwilioGatewayException
{
    public TwilioUnavailableException(
        string message,
        int? twilioErrorCode = null,
        int? httpStatus = null,
        bool outcomeUnknown = false,
        TimeSpan? retryAfter = null,
        bool circuitOpen = false,
        Exception? innerException = null)
        : base(message, twilioErrorCode, httpStatus, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
        RetryAfter = retryAfter;
        CircuitOpen = circuitOpen;
    }

    /// <summary>True when a non-idempotent request may have been carried out before it failed.</summary>
    public bool OutcomeUnknown { get; }

    /// <summary>When the circuit is open: how long until calls are let through again.</summary>
    public override TimeSpan? RetryAfter { get; }

    public bool CircuitOpen { get; }

    public override FailureKind Kind => CircuitOpen ? FailureKind.TemporarilyUnavailable : FailureKind.UpstreamFailed;

    public override string Code => CircuitOpen ? "twilio_circuit_open" : "twilio_unavailable";

    public override string Title => CircuitOpen ? "Twilio calls are paused" : "Twilio is unavailable";

    public override string Detail => CircuitOpen
        ? "Calls to Twilio failed repeatedly and are paused for a short while. Retry after the time in the Retry-After header."
        : "Twilio could not complete the request, even after retries. Nothing was changed; try again later.";

    public override IReadOnlyDictionary<string, object> Facts => CircuitOpen
        ? new Dictionary<string, object>(StringComparer.Ordinal)
        : base.Facts;
}
