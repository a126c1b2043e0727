using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.Scenarios;

/// <summary>
/// Delivery lag of integration events (issue #19): renames through <c>PUT /api/v1/providers/twilio/{id}</c> (no Twilio
/// call; each commits one <see cref="ProviderUpdated"/> through the outbox) sent open-loop — on a fixed schedule of
/// <see cref="Rate"/> per second whatever the responses do — spread over <see cref="Providers"/> providers, a warm-up
/// first, then <see cref="Window"/> measured. <see cref="EventLagRecorder"/>, registered in the scenario host like any
/// other module's handler, notes when each event reaches it. The lag judged is handler time − <c>OccurredAt</c>
/// (stamped just before the commit, so an upper bound of commit → handler); handler time − the response's arrival at
/// the client (after the commit, so a lower bound) is printed beside it.
/// </summary>
internal static class EventLagScenario
{
    public const string Name = "event-lag";
    public const int Rate = 200;
    public const int Providers = 1000;
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);
    private static int s_failuresShown;

    public static async Task<int> RunAsync(HttpClient client, TwilioEmulatorHost emulator, string connectionString, EventLagRecorder recorder)
    {
        // Renames call no Twilio; seeding is not what is measured.
        foreach (var operation in Enum.GetValues<TwilioOperation>())
        {
            emulator.State.SetLatency(operation, TimeSpan.Zero);
        }

        var seeding = Stopwatch.StartNew();
        var providers = new Guid[Providers];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Providers),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, token) => providers[i] = await ConnectAsync(client, emulator.State.AddAccount($"Event lag scenario {i}"), token));
        Console.WriteLine(FormattableString.Invariant($"event lag: seeded {Providers} providers in {seeding.Elapsed.TotalSeconds:0} s"));

        // Only the renames' work is measured: no scheduled verification during the drive, neither of these providers nor
        // of those an earlier run left in a reused database (their accounts are unknown to this emulator, so each would fail).
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE voip_providers.twilio_providers SET next_verification_at = now() + interval '1 day'", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Each run names its renames afresh, so deliveries left over by an earlier run on this database are not counted.
        var run = Guid.NewGuid().ToString("N")[..8];
        recorder.Start($"lag {run} ");

        // Others' work on the machine (PostgreSQL included) skews the figures: measure it while this process is idle.
        var idle = CpuMeter.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = idle.Stop();

        await DriveAsync(client, providers, $"warm-up {run} ", WarmUp, sent: null);

        var sent = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var cpu = CpuMeter.Start();
        var driveStarted = DateTimeOffset.UtcNow;
        var drive = await DriveAsync(client, providers, $"lag {run} ", Window, sent);
        var load = cpu.Stop();

        var sendingEnded = DateTimeOffset.UtcNow;
        var waiting = Stopwatch.StartNew();
        while (recorder.Count < sent.Count && waiting.Elapsed < DrainLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var deliveries = recorder.Deliveries;
        var fromOccurred = deliveries.Select(d => d.HandledAt - d.OccurredAt).Order().ToList();
        var fromResponse = deliveries
            .Where(d => sent.ContainsKey(d.Name))
            .Select(d => d.HandledAt - sent[d.Name])
            .Order()
            .ToList();

        // For a closer look (lag over time): one line per delivery, times in ms since the drive started.
        if (Environment.GetEnvironmentVariable("VOIPPROVIDERS_SCENARIO_EVENT_LAG_CSV") is { Length: > 0 } csv)
        {
            await File.WriteAllLinesAsync(csv, [
                "name,occurred_ms,handled_ms,response_ms",
                .. deliveries.OrderBy(d => d.OccurredAt).Select(d => FormattableString.Invariant(
                    $"{d.Name},{(d.OccurredAt - driveStarted).TotalMilliseconds:0},{(d.HandledAt - driveStarted).TotalMilliseconds:0},{(sent.TryGetValue(d.Name, out var arrived) ? (arrived - driveStarted).TotalMilliseconds : double.NaN):0}")),
            ]);
        }

        var allDelivered = deliveries.Count == sent.Count && drive.Failed == 0;
        var met = allDelivered && fromOccurred.Count > 0 && Percentile(fromOccurred, 0.99) < Target;
        Console.WriteLine(FormattableString.Invariant(
            $"event lag, open loop {drive.Scheduled} renames in {Window.TotalSeconds:0} s (target rate {Rate}/s, sent at {drive.SentRate:0.0}/s, latest send {drive.MaxSlip.TotalMilliseconds:0} ms behind schedule) over {Providers} providers: {drive.Succeeded} answered 200, {drive.Failed} failed; response p50 {Ms(drive.ResponseTimes, 0.5)} ms, p99 {Ms(drive.ResponseTimes, 0.99)} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"event lag, CPU during the window: process {load.Process:P1} of {Environment.ProcessorCount} cores (host, client and emulator), machine {Share(load.Machine)} (PostgreSQL included); machine {Share(before.Machine)} busy before the drive with this process idle{(before.Machine > 0.2 ? " - the machine is shared, the figures are not representative" : string.Empty)}"));
        var lastDelivery = deliveries.Count == 0 ? sendingEnded : deliveries.Max(d => d.HandledAt);
        Console.WriteLine(FormattableString.Invariant(
            $"event lag, the last event reached the handler {Math.Max(0, (lastDelivery - sendingEnded).TotalSeconds):0.0} s after every response had arrived"));
        Console.WriteLine(FormattableString.Invariant(
            $"event lag, handler time - response arrival (lower bound, after the commit): p50 {Ms(fromResponse, 0.5)} ms, p95 {Ms(fromResponse, 0.95)} ms, p99 {Ms(fromResponse, 0.99)} ms, max {Ms(fromResponse, 1)} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"event lag, handler time - OccurredAt (upper bound, before the commit): {deliveries.Count} of {sent.Count} delivered; p50 {Ms(fromOccurred, 0.5)} ms, p95 {Ms(fromOccurred, 0.95)} ms, p99 {Ms(fromOccurred, 0.99)} ms, max {Ms(fromOccurred, 1)} ms (target: all delivered, p99 < {Target.TotalSeconds:0} s) {(met ? "OK" : "MISSED")}"));
        return met ? 0 : 1;
    }

    /// <summary>
    /// Sends one rename every 1/<see cref="Rate"/> s for <paramref name="duration"/>: the n-th leaves at start + n/rate
    /// (at once when the sender is behind), without waiting for earlier responses. Records when each response arrived.
    /// </summary>
    private static async Task<DriveResult> DriveAsync(
        HttpClient client, Guid[] providers, string prefix, TimeSpan duration, ConcurrentDictionary<string, DateTimeOffset>? sent)
    {
        var count = (int)(duration.TotalSeconds * Rate);
        var requests = new List<Task<TimeSpan?>>(count);
        var clock = Stopwatch.StartNew();
        var maxSlip = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)Rate);
            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(ahead);
            }

            var slip = clock.Elapsed - due;
            maxSlip = slip > maxSlip ? slip : maxSlip;
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            requests.Add(RenameAsync(client, providers[i % providers.Length], name, sent));
        }

        var sending = clock.Elapsed;
        var results = await Task.WhenAll(requests);
        var times = results.OfType<TimeSpan>().Order().ToList();
        return new DriveResult(count, times.Count, count - times.Count, (count - 1) / sending.TotalSeconds, maxSlip, times);
    }

    private static async Task<TimeSpan?> RenameAsync(HttpClient client, Guid provider, string name, ConcurrentDictionary<string, DateTimeOffset>? sent)
    {
        // Yield first: the sender's loop must not wait for the request to be written.
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PutAsJsonAsync($"/api/v1/providers/twilio/{provider}", new { name });
            var arrived = DateTimeOffset.UtcNow;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                ShowFailure($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return null;
            }

            sent?.TryAdd(name, arrived);
            return clock.Elapsed;
        }
#pragma warning disable CA1031 // A failed request is counted and reported, not fatal to the measurement.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ShowFailure($"{exception.GetType().Name}: {exception.Message}");
            return null;
        }
    }

    /// <summary>The first few failures in full; the count is in the summary.</summary>
    private static void ShowFailure(string failure)
    {
        if (Interlocked.Increment(ref s_failuresShown) <= 3)
        {
            Console.Error.WriteLine($"event lag: a rename failed: {failure}");
        }
    }

    private static string Share(double? share) => share is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(IReadOnlyList<TimeSpan> sorted, double quantile) =>
        sorted.Count == 0 ? "n/a" : Percentile(sorted, quantile).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Nearest-rank percentile of a sorted list.</summary>
    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<Guid> ConnectAsync(HttpClient client, EmulatedAccount account, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/providers/twilio", new { accountSid = account.Sid, authToken = account.AuthToken }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Connecting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
    }

    private sealed record DriveResult(int Scheduled, int Succeeded, int Failed, double SentRate, TimeSpan MaxSlip, IReadOnlyList<TimeSpan> ResponseTimes);

    /// <summary>CPU used between start and stop: this process's share of all cores, and the machine's (Linux /proc/stat).</summary>
    private sealed class CpuMeter
    {
        private readonly TimeSpan _process = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly (long Busy, long Total)? _machine = ReadMachine();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public static CpuMeter Start() => new();

        public (double Process, double? Machine) Stop()
        {
            var elapsed = _clock.Elapsed;
            var process = (Process.GetCurrentProcess().TotalProcessorTime - _process) / (elapsed * Environment.ProcessorCount);
            var machine = ReadMachine() is { } now && _machine is { } then && now.Total > then.Total
                ? (now.Busy - then.Busy) / (double)(now.Total - then.Total)
                : (double?)null;
            return (process, machine);
        }

        private static (long Busy, long Total)? ReadMachine()
        {
            if (!File.Exists("/proc/stat"))
            {
                return null;
            }

            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
    }
}

/// <summary>
/// The scenario's stand-in for another module: hears every <see cref="ProviderUpdated"/> and notes when it arrived.
/// Registered in the scenario host only; renames outside the current run are ignored (a redelivery counts once).
/// </summary>
internal sealed class EventLagRecorder : IIntegrationEventHandler<ProviderUpdated>
{
    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new(StringComparer.Ordinal);
    private volatile string? _prefix;

    public int Count => _deliveries.Count;

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries.Values];

    public void Start(string prefix) => _prefix = prefix;

    public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var handledAt = DateTimeOffset.UtcNow;
        if (_prefix is { } prefix && integrationEvent.Name.StartsWith(prefix, StringComparison.Ordinal))
        {
            _deliveries.TryAdd(integrationEvent.Name, new Delivery(integrationEvent.Name, integrationEvent.OccurredAt, handledAt));
        }

        return Task.CompletedTask;
    }

    internal sealed record Delivery(string Name, DateTimeOffset OccurredAt, DateTimeOffset HandledAt);
}
