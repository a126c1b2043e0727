using System.Diagnostics.Metrics;
using VoipProviders.Application.Common.BackgroundWork;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>
/// Stuck background work as gauges (meter <c>VoipProviders.BackgroundWork</c>): per category,
/// <c>voip_providers.background_work.{category}</c> (how many) and <c>…_oldest_age</c> (seconds the oldest has waited).
/// The callbacks read <see cref="BackgroundWorkSnapshot"/> only; before its first refresh they report nothing.
/// </summary>
internal sealed class BackgroundWorkMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.BackgroundWork";
    public const string Prefix = "voip_providers.background_work.";

    private readonly Meter _meter;

    public BackgroundWorkMetrics(IMeterFactory meterFactory, IEnumerable<IBackgroundWorkSource> sources, BackgroundWorkSnapshot snapshot, TimeProvider timeProvider)
    {
        _meter = meterFactory.Create(MeterName);
        foreach (var category in sources.Select(source => source.Category))
        {
            var name = category.Name;
            _meter.CreateObservableGauge(
                Prefix + category.MetricName,
                () => snapshot.Of(name) is { } tally ? [new Measurement<long>(tally.Count)] : Array.Empty<Measurement<long>>(),
                category.Unit,
                category.Description);
            _meter.CreateObservableGauge(
                Prefix + category.MetricName + "_oldest_age",
                () => snapshot.Of(name) is { } tally ? [new Measurement<double>(tally.OldestAgeSeconds(timeProvider.GetUtcNow()))] : Array.Empty<Measurement<double>>(),
                "s",
                $"Seconds the oldest of these has waited: {category.Description}");
        }
    }

    public void Dispose() => _meter.Dispose();
}
