using System.Globalization;

namespace VoipProviders.LoadTests;

/// <summary>
/// The summary: per endpoint and server the medians over the rounds (req/s, p50, p99, server CPU per request) and the
/// status mix of all rounds; the ratios project/reference (throughput: median over median; p99: median over median);
/// each of the issue's targets as met or MISSED. A server answering anything but 200 to more than 1 % of the requests
/// misses its endpoint's targets whatever the figures.
/// </summary>
internal static class LoadReport
{
    private const double MaxErrorShare = 0.01;

    /// <returns>The number of targets missed.</returns>
    public static int Print(IReadOnlyList<RoundResult> results, IReadOnlyList<string> targetNames, IReadOnlyList<LoadEndpoint> endpoints)
    {
        var missed = 0;
        Console.WriteLine();
        Console.WriteLine($"summary: medians over rounds; ratio = project / reference");
        foreach (var endpoint in endpoints)
        {
            var project = Summarize(results, endpoint, targetNames[0]);
            var reference = Summarize(results, endpoint, targetNames[1]);
            Console.WriteLine(endpoint.Route());
            foreach (var side in new[] { project, reference })
            {
                Console.WriteLine(Invariant(
                    $"  {side.Name,-9} {side.Rps,8:0.0} req/s  p50 {side.P50,7:0.00} ms  p99 {side.P99,7:0.00} ms  server CPU {side.CpuPerRequest:0.00} ms/req  {(side.PostgresCpuPerRequest is { } postgres ? Invariant($"postgres CPU {postgres:0.00} ms/req  ") : string.Empty)}rounds [{string.Join(", ", side.RoundRps.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}] req/s  [{side.StatusMix}]"));
            }

            var throughputRatio = project.Rps / reference.Rps;
            var p99Ratio = project.P99 / reference.P99;
            var valid = project.ErrorShare <= MaxErrorShare && reference.ErrorShare <= MaxErrorShare;
            var validity = valid ? "" : Invariant($"  (errors: project {project.ErrorShare:P1}, reference {reference.ErrorShare:P1} non-200)");
            if (endpoint.ThroughputTarget() is { } throughputTarget && endpoint.P99Target() is { } p99Target)
            {
                var throughputMet = valid && throughputRatio >= throughputTarget;
                var p99Met = valid && p99Ratio <= p99Target;
                missed += (throughputMet ? 0 : 1) + (p99Met ? 0 : 1);
                Console.WriteLine(Invariant(
                    $"  throughput {throughputRatio:0.00}× the reference's (target ≥ {throughputTarget:0.00}×) {(throughputMet ? "met" : "MISSED")}; p99 {p99Ratio:0.00}× (target ≤ {p99Target:0.00}×) {(p99Met ? "met" : "MISSED")}{validity}"));
            }
            else
            {
                Console.WriteLine(Invariant(
                    $"  throughput {throughputRatio:0.00}× the reference's, p99 {p99Ratio:0.00}× (no target in the issue){validity}"));
            }
        }

        return missed;
    }

    private static Side Summarize(IReadOnlyList<RoundResult> results, LoadEndpoint endpoint, string name)
    {
        var rounds = results.Where(r => r.Endpoint == endpoint && r.Target == name).ToList();
        var statuses = new Dictionary<int, int>();
        foreach (var (status, count) in rounds.SelectMany(r => r.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        var total = statuses.Values.Sum();
        return new Side(
            name,
            Median(rounds.Select(r => r.RequestsPerSecond)),
            Median(rounds.Select(r => r.P50)),
            Median(rounds.Select(r => r.P99)),
            Median(rounds.Select(r => r.ServerCpuMillisecondsPerRequest)),
            rounds.All(r => r.PostgresCpuMillisecondsPerRequest is not null) ? Median(rounds.Select(r => r.PostgresCpuMillisecondsPerRequest!.Value)) : null,
            [.. rounds.Select(r => r.RequestsPerSecond)],
            total == 0 ? 1 : 1 - (statuses.GetValueOrDefault(200) / (double)total),
            string.Join(' ', statuses.OrderByDescending(s => s.Value).Select(s => Invariant($"{(s.Key == 0 ? "error" : s.Key.ToString(CultureInfo.InvariantCulture))}×{s.Value}"))));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Side(string Name, double Rps, double P50, double P99, double CpuPerRequest, double? PostgresCpuPerRequest, double[] RoundRps, double ErrorShare, string StatusMix);
}
