using System.Diagnostics;
using System.Globalization;

namespace VoipProviders.LoadTests;

/// <summary>
/// What one round of one endpoint against one server measured: every request that completed inside the measuring
/// window (its latency, exactly — percentiles are read off the sorted latencies), the status mix, and the CPU time the
/// server process and the driver process (clients + emulator) used in the window.
/// </summary>
internal sealed class RoundResult
{
    public RoundResult(
        LoadEndpoint endpoint, string target, int round, TimeSpan window, long[] latencyTicks,
        IReadOnlyDictionary<int, int> statuses, TimeSpan serverCpu, TimeSpan driverCpu, TimeSpan? postgresCpu)
    {
        Endpoint = endpoint;
        Target = target;
        Round = round;
        Window = window;
        Statuses = statuses;
        ServerCpu = serverCpu;
        DriverCpu = driverCpu;
        PostgresCpu = postgresCpu;
        Array.Sort(latencyTicks);
        Count = latencyTicks.Length;
        P50 = Percentile(latencyTicks, 0.50);
        P99 = Percentile(latencyTicks, 0.99);
        Max = latencyTicks.Length == 0 ? 0 : ToMilliseconds(latencyTicks[^1]);
    }

    public LoadEndpoint Endpoint { get; }

    public string Target { get; }

    public int Round { get; }

    public TimeSpan Window { get; }

    public int Count { get; }

    /// <summary>Status code → requests; 0 stands for a transport failure or timeout.</summary>
    public IReadOnlyDictionary<int, int> Statuses { get; }

    public TimeSpan ServerCpu { get; }

    public TimeSpan DriverCpu { get; }

    /// <summary>CPU time every PostgreSQL process used in the window; null where it could not be read.</summary>
    public TimeSpan? PostgresCpu { get; }

    public double RequestsPerSecond => Count / Window.TotalSeconds;

    public double P50 { get; }

    public double P99 { get; }

    public double Max { get; }

    public double ServerCpuMillisecondsPerRequest => Count == 0 ? 0 : ServerCpu.TotalMilliseconds / Count;

    public double? PostgresCpuMillisecondsPerRequest => PostgresCpu is { } cpu && Count > 0 ? cpu.TotalMilliseconds / Count : null;

    public string StatusMix => string.Join(' ', Statuses.OrderByDescending(s => s.Value)
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{(s.Key == 0 ? "error" : s.Key.ToString(CultureInfo.InvariantCulture))}×{s.Value}")));

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Endpoint.OptionName(),-7} round {Round}  {Target,-9} {RequestsPerSecond,8:0.0} req/s  p50 {P50,7:0.00} ms  p99 {P99,7:0.00} ms  max {Max,7:0.0} ms  server CPU {ServerCpu / Window:0.00} cores = {ServerCpuMillisecondsPerRequest:0.00} ms/req  {(PostgresCpu is { } postgres ? $"postgres CPU {postgres / Window:0.00} cores = {PostgresCpuMillisecondsPerRequest:0.00} ms/req  " : string.Empty)}driver+emulator CPU {DriverCpu / Window:0.00} cores  [{StatusMix}]");

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile of sorted latencies, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : ToMilliseconds(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)]);
}
