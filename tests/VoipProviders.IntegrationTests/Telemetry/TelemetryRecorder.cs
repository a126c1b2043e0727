using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Telemetry;

/// <summary>
/// What a replica exports, caught by the SDK's in-memory exporters behind the host's own telemetry wiring (switched
/// on with <c>Telemetry:Enabled</c> instead of an OTLP endpoint). Sources and meters are process-wide, so a test reads
/// the traces it caused by their trace id.
/// </summary>
internal sealed class TelemetryRecorder
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();

    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Telemetry:Enabled"] = "true" };

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public void RegisterIn(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
    }

    public Task<TestHost> StartHostAsync(IntegrationFixture fixture, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return fixture.StartHostAsync(all, RegisterIn);
    }

    /// <summary>Every span of the trace, once its root (the request) has ended.</summary>
    public async Task<IReadOnlyList<Activity>> TraceOfAsync(Func<Activity, bool> root, string because)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (Spans.FirstOrDefault(root) is { } found)
            {
                return [.. Spans.Where(span => span.TraceId == found.TraceId)];
            }

            if (budget.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {because}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The metrics as exported now: a collection is forced, and the latest snapshot of each metric read.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics(TestHost host)
    {
        host.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();
        return _metrics.Snapshot().GroupBy(metric => metric.Name).ToDictionary(group => group.Key, group => group.Last());
    }

    /// <summary>Everything exported, as text: span names, attributes, events and their attributes, links, statuses; metric names and tags.</summary>
    public string ExportedText()
    {
        var text = new StringBuilder();
        foreach (var span in Spans)
        {
            text.AppendLine(span.DisplayName).AppendLine(span.OperationName).AppendLine(span.StatusDescription);
            AppendTags(text, span.TagObjects);
            foreach (var spanEvent in span.Events)
            {
                text.AppendLine(spanEvent.Name);
                AppendTags(text, spanEvent.Tags);
            }

            foreach (var link in span.Links)
            {
                text.AppendLine(link.Context.TraceId.ToHexString()).AppendLine(link.Context.TraceState);
                AppendTags(text, link.Tags ?? []);
            }

            foreach (var (key, value) in span.Baggage)
            {
                text.Append(key).Append('=').AppendLine(value);
            }
        }

        foreach (var metric in _metrics.Snapshot())
        {
            text.AppendLine(metric.Name).AppendLine(metric.Description).AppendLine(metric.Unit);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    text.Append(tag.Key).Append('=').AppendLine(tag.Value?.ToString());
                }
            }
        }

        return text.ToString();
    }

    private static void AppendTags(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            text.Append(key).Append('=').AppendLine(value is Array array ? string.Join(',', array.Cast<object?>()) : value?.ToString());
        }
    }

    /// <summary>A collection the exporters add to while a test reads it.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public T[] Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item)
        {
            lock (_items)
            {
                return _items.Contains(item);
            }
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (_items)
            {
                _items.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
