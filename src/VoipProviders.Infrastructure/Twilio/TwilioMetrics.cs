using System.Diagnostics.Metrics;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// What the Twilio adapter measures (meter <c>VoipProviders.Twilio</c>). Tags are product, operation and outcome only —
/// never an Account SID (one series per tenant would be unbounded) nor anything from a request.
/// </summary>
internal sealed class TwilioMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.Twilio";

    private readonly Meter _meter;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _circuitOpened;
    private readonly Counter<long> _circuitClosed;
    private readonly Histogram<double> _throttleWait;

    public TwilioMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _callDuration = _meter.CreateHistogram<double>(
            "voip_providers.twilio.call.duration", "s", "Logical Twilio calls (all attempts and waits included), by product, operation and outcome.");
        _retries = _meter.CreateCounter<long>("voip_providers.twilio.call.retries", "{retry}", "Attempts of Twilio calls that were retried.");
        _circuitOpened = _meter.CreateCounter<long>("voip_providers.twilio.circuit.opened", "{circuit}", "Circuit breakers (per account and product) that opened.");
        _circuitClosed = _meter.CreateCounter<long>("voip_providers.twilio.circuit.closed", "{circuit}", "Circuit breakers that closed again.");
        _throttleWait = _meter.CreateHistogram<double>(
            "voip_providers.twilio.throttle.wait.duration", "s", "Waits for a free slot of an account's concurrency limit (only calls that had to wait).");
    }

    public void CallEnded(CallName name, string outcome, TimeSpan duration)
    {
        if (_callDuration.Enabled)
        {
            _callDuration.Record(
                duration.TotalSeconds,
                new(TwilioTelemetry.ProductTag, name.Product),
                new(TwilioTelemetry.OperationTag, name.Operation),
                new(TwilioTelemetry.OutcomeTag, outcome));
        }
    }

    public void Retried(string product, string reason) =>
        _retries.Add(1, new(TwilioTelemetry.ProductTag, product), new("error.type", reason));

    public void CircuitOpened(string product) => _circuitOpened.Add(1, new KeyValuePair<string, object?>(TwilioTelemetry.ProductTag, product));

    public void CircuitClosed(string product) => _circuitClosed.Add(1, new KeyValuePair<string, object?>(TwilioTelemetry.ProductTag, product));

    public void WaitedForSlot(string product, TimeSpan wait) =>
        _throttleWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(TwilioTelemetry.ProductTag, product));

    public void Dispose() => _meter.Dispose();
}
