using System.Diagnostics.Metrics;

namespace VoipProviders.Infrastructure.Events;

/// <summary>Counts what event delivery does (meter <c>VoipProviders.IntegrationEvents</c>).</summary>
internal sealed class IntegrationEventsMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.IntegrationEvents";

    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _parked;
    private readonly Histogram<double> _lag;

    public IntegrationEventsMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _delivered = _meter.CreateCounter<long>("voip_providers.integration_events.delivered", "{delivery}", "Deliveries a handler took.");
        _failed = _meter.CreateCounter<long>("voip_providers.integration_events.failed", "{delivery}", "Handler calls that failed and will be retried.");
        _parked = _meter.CreateCounter<long>("voip_providers.integration_events.parked", "{delivery}", "Deliveries parked after their last attempt.");
        _lag = _meter.CreateHistogram<double>("voip_providers.integration_events.delivery_lag", "s", "From the change to the handler taking its event.");
    }

    public void Delivered(string eventType, TimeSpan lag)
    {
        _delivered.Add(1, new KeyValuePair<string, object?>("event.type", eventType));
        _lag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("event.type", eventType));
    }

    public void Failed(string eventType, string handler) =>
        _failed.Add(1, new("event.type", eventType), new("handler", handler));

    public void Parked(string eventType, string handler) =>
        _parked.Add(1, new("event.type", eventType), new("handler", handler));

    public void Dispose() => _meter.Dispose();
}
