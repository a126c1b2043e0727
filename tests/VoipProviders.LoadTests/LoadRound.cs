using System.Diagnostics;
using System.Net;

namespace VoipProviders.LoadTests;

/// <summary>
/// One round: a fixed number of clients send one endpoint's requests back to back at one server for warm-up + window.
/// Each client has its own seeded <see cref="Random"/> over all providers (or organizations, for the list; or a provider's
/// imported number with its routing key, for the inbound resolution, sent with the service token); a change or
/// verification first claims its provider, so two clients never race for one and 409/412 stay the servers' own. A PATCH
/// sends If-Match with the version last seen, and a 409/412 re-reads it (outside the timed request).
/// </summary>
internal static class LoadRound
{
    private static readonly TimeSpan JitQuietPeriod = TimeSpan.FromSeconds(5);

    // Clock ticks (1/100 s) the JIT threads may use over the quiet period: 1 % of a core.
    private const long JitQuietTicks = 5;

    public static async Task<RoundResult> RunAsync(
        LoadEndpoint endpoint, LoadTarget target, Fleet fleet, LoadOptions options, int round, CancellationToken cancellationToken)
    {
        using var driver = Process.GetCurrentProcess();
        var window = new MeasuringWindow();
        var clients = Enumerable.Range(0, options.Concurrency)
            .Select(client => Task.Run(
                () => RunClientAsync(endpoint, target.Client, fleet, new Random(HashCode.Combine(options.Seed, (int)endpoint, round, client)), window, cancellationToken),
                cancellationToken))
            .ToArray();

        var started = Stopwatch.GetTimestamp();
        await Task.Delay(options.WarmupOf(round), cancellationToken);
        if (round == 1)
        {
            await WaitForQuietJitAsync(endpoint, target, options, started, cancellationToken);
        }

        var measureFrom = Stopwatch.GetTimestamp();
        var until = measureFrom + Ticks(options.Duration);
        window.Open(measureFrom, until);
        var serverCpu = target.Server.CpuTime;
        var postgresCpu = PostgresCpu.Total();
        driver.Refresh();
        var driverCpu = driver.TotalProcessorTime;
        await DelayUntilAsync(until, cancellationToken);
        serverCpu = target.Server.CpuTime - serverCpu;
        postgresCpu = PostgresCpu.Total() - postgresCpu;
        driver.Refresh();
        driverCpu = driver.TotalProcessorTime - driverCpu;

        var recorded = await Task.WhenAll(clients);
        target.Server.EnsureRunning();
        var statuses = new Dictionary<int, int>();
        foreach (var (status, count) in recorded.SelectMany(r => r.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        return new RoundResult(
            endpoint, target.Name, round, options.Duration, [.. recorded.SelectMany(r => r.Latencies)], statuses, serverCpu, driverCpu, postgresCpu);
    }

    private static async Task<ClientRecord> RunClientAsync(
        LoadEndpoint endpoint, HttpClient client, Fleet fleet, Random random, MeasuringWindow window, CancellationToken cancellationToken)
    {
        var record = new ClientRecord();
        while (Stopwatch.GetTimestamp() < window.Until && !cancellationToken.IsCancellationRequested)
        {
            var provider = Claim(endpoint, fleet, random);
            try
            {
                using var request = Request(endpoint, fleet, provider, random);
                var sent = Stopwatch.GetTimestamp();
                var status = 0;
                string? etag = null;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    status = (int)response.StatusCode;
                    etag = response.Headers.ETag?.ToString();
                }
                catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Counted as status 0 (error).
                }

                var done = Stopwatch.GetTimestamp();
                if (window.Holds(done))
                {
                    record.Add(done - sent, status);
                }

                if (endpoint == LoadEndpoint.PatchAuthToken && provider is not null)
                {
                    if (status == (int)HttpStatusCode.OK)
                    {
                        provider.TrySee(etag);
                    }
                    else if (status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
                    {
                        await RereadVersionAsync(client, fleet, provider, cancellationToken);
                    }
                }
            }
            finally
            {
                provider?.Release();
            }
        }

        return record;
    }

    /// <summary>For PATCH and verify, a provider no other client holds, claimed; reads claim nothing (they never conflict).</summary>
    private static SeededProvider? Claim(LoadEndpoint endpoint, Fleet fleet, Random random)
    {
        if (endpoint.IsRead())
        {
            return null;
        }

        while (true)
        {
            var provider = fleet.Providers[random.Next(fleet.Providers.Count)];
            if (provider.TryClaim())
            {
                return provider;
            }
        }
    }

    private static HttpRequestMessage Request(LoadEndpoint endpoint, Fleet fleet, SeededProvider? claimed, Random random)
    {
        HttpRequestMessage request;
        string bearer;
        switch (endpoint)
        {
            case LoadEndpoint.Get:
                var read = fleet.Providers[random.Next(fleet.Providers.Count)];
                request = new HttpRequestMessage(HttpMethod.Get, read.GetPath);
                bearer = fleet.BearerOf(read);
                break;
            case LoadEndpoint.List:
                var organization = random.Next(fleet.Organizations.Count);
                request = new HttpRequestMessage(HttpMethod.Get, "api/v1/providers");
                bearer = fleet.Bearers[organization];
                break;
            case LoadEndpoint.PatchAuthToken:
                request = new HttpRequestMessage(HttpMethod.Patch, claimed!.AuthTokenPath)
                {
                    Content = new ByteArrayContent(claimed.AuthTokenBody) { Headers = { { "Content-Type", "application/json" } } },
                };
                request.Headers.TryAddWithoutValidation("If-Match", claimed.IfMatch);
                bearer = fleet.BearerOf(claimed);
                break;
            case LoadEndpoint.Verify:
                request = new HttpRequestMessage(HttpMethod.Post, claimed!.VerifyPath);
                bearer = fleet.BearerOf(claimed);
                break;
            case LoadEndpoint.ResolveInboundCall:
                var owner = fleet.Providers[random.Next(fleet.Providers.Count)];
                request = new HttpRequestMessage(HttpMethod.Get, owner.Numbers[random.Next(owner.Numbers.Count)].ResolvePath);
                bearer = fleet.ServiceBearer;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint));
        }

        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        return request;
    }

    private static async Task RereadVersionAsync(HttpClient client, Fleet fleet, SeededProvider provider, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, provider.GetPath);
        request.Headers.TryAddWithoutValidation("Authorization", fleet.BearerOf(provider));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            provider.TrySee(response.Headers.ETag?.ToString());
        }
        catch (HttpRequestException)
        {
            // The next PATCH of this provider answers 412 again and re-reads again.
        }
    }

    /// <summary>
    /// The first round of an endpoint goes on warming up until the server's tiered JIT has been quiet for
    /// <see cref="JitQuietPeriod"/> (at most <see cref="LoadOptions.MaxFirstWarmup"/>): on 2 cores shared with the load
    /// it recompiles hot methods for a minute or more, and that CPU would otherwise be measured as the request path's.
    /// </summary>
    private static async Task WaitForQuietJitAsync(LoadEndpoint endpoint, LoadTarget target, LoadOptions options, long started, CancellationToken cancellationToken)
    {
        var samples = new Queue<IReadOnlyDictionary<int, long>>();
        while (target.Server.TieredCompilationTicks() is { } now)
        {
            samples.Enqueue(now);
            if (samples.Count > JitQuietPeriod.TotalSeconds)
            {
                var before = samples.Dequeue();
                var busy = now.Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key));
                if (busy <= JitQuietTicks)
                {
                    Console.WriteLine($"{endpoint.OptionName(),-7} round 1  {target.Name,-9} warm-up {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s (tiered JIT quiet for {JitQuietPeriod.TotalSeconds:0} s)");
                    return;
                }
            }

            if (Stopwatch.GetElapsedTime(started) >= options.MaxFirstWarmup)
            {
                Console.WriteLine($"{endpoint.OptionName(),-7} round 1  {target.Name,-9} warm-up stopped at {options.MaxFirstWarmup.TotalSeconds:0} s with the tiered JIT still busy: this round includes its cost");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>When the clients' requests count: open-ended while warming up, then the measured window.</summary>
    private sealed class MeasuringWindow
    {
        private long _from = long.MaxValue;
        private long _until = long.MaxValue;

        public long Until => Volatile.Read(ref _until);

        public void Open(long from, long until)
        {
            Volatile.Write(ref _from, from);
            Volatile.Write(ref _until, until);
        }

        public bool Holds(long timestamp) => timestamp >= Volatile.Read(ref _from) && timestamp <= Until;
    }

    private sealed class ClientRecord
    {
        public List<long> Latencies { get; } = new(4096);

        public Dictionary<int, int> Statuses { get; } = [];

        public void Add(long ticks, int status)
        {
            Latencies.Add(ticks);
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
        }
    }
}
