using System.Diagnostics.Metrics;

namespace VoipProviders.Tests.Shared;

/// <summary>
/// Meters for classes under test built without a DI container: plain meters, disposed with the factory. One file,
/// compiled into each test project that needs it (linked from tests/Shared).
/// </summary>
internal sealed class PlainMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(meter => meter.Dispose());
            _meters.Clear();
        }
    }
}
