using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.Scenarios;

/// <summary>
/// The scheduled re-verification at the rate the product promises — 10,000 providers per hour on one replica, every
/// Twilio call taking 200 ms — measured on this machine: providers verified per minute, Twilio calls per verification,
/// the share of the machine's CPU the whole process used (the emulator included, so an upper bound) and whether a
/// backlog built up. Then the same providers all due at once, to show the headroom (providers per minute at full speed).
/// </summary>
internal static class VerificationSweepScenario
{
    public const int TargetPerHour = 10_000;
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(HttpClient client, TwilioEmulatorHost emulator, string connectionString, int providers, TimeSpan window)
    {
        var failures = 0;

        // Seed without latency (the seeding is not what is measured), then give every Twilio call its 200 ms.
        SetLatency(emulator, TimeSpan.Zero);
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, providers),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, token) => await ConnectAsync(client, emulator.State.AddAccount($"Sweep scenario {i}"), token));
        Console.WriteLine(FormattableString.Invariant($"seeded {providers} providers in {seeding.Elapsed.TotalSeconds:0} s"));
        SetLatency(emulator, Latency);

        // Steady state: every provider due once per hour, spread over the hour as the migration spreads existing ones.
        // The sweep looks every minute (the default period), so what fell due in the window's last minute may still wait.
        await ExecuteAsync(connectionString, "UPDATE voip_providers.twilio_providers SET next_verification_at = now() + random() * interval '1 hour', last_verified_at = NULL");
        var mustBeDone = await ScalarAsync(connectionString, FormattableString.Invariant(
            $"SELECT count(*) FROM voip_providers.twilio_providers WHERE next_verification_at <= now() + interval '{(window - SweepPeriod).TotalSeconds:0} seconds'"));
        var steady = await MeasureAsync(emulator, connectionString, window);
        var keepsUp = steady.Verified >= mustBeDone && steady.Backlog == 0 && steady.CpuShare < 0.5;
        failures += keepsUp ? 0 : 1;
        Console.WriteLine(FormattableString.Invariant(
            $"sweep, {providers} providers due once an hour, {Latency.TotalMilliseconds:0} ms per Twilio call, {window.TotalSeconds:0} s: verified {steady.Verified} ({steady.PerMinute:0} per minute; {mustBeDone} fell due more than a sweep period before the end, {TargetPerHour / 60.0:0} per minute on average), {steady.CallsPerVerification:0.0} Twilio calls per verification, CPU {steady.CpuShare:P1} of {Environment.ProcessorCount} cores, {steady.Backlog} overdue > 1 min (target: all verified, none overdue, CPU < 50 %) {(keepsUp ? "OK" : "MISSED")}"));

        // Headroom: all of them due now, measured from the moment the next sweep starts on them (it looks once a minute).
        await ExecuteAsync(connectionString, "UPDATE voip_providers.twilio_providers SET next_verification_at = now(), last_verified_at = NULL");
        var waited = Stopwatch.StartNew();
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM voip_providers.twilio_providers WHERE last_verified_at IS NOT NULL") == 0
            && waited.Elapsed < SweepPeriod * 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var burst = await MeasureAsync(emulator, connectionString, TimeSpan.FromSeconds(30));
        Console.WriteLine(FormattableString.Invariant(
            $"sweep at full speed (all due at once): {burst.PerMinute:0} verified per minute = {burst.PerMinute * 60:0} per hour, {burst.CallsPerVerification:0.0} Twilio calls per verification, CPU {burst.CpuShare:P1} of {Environment.ProcessorCount} cores"));
        return failures;
    }

    private static async Task<Measurement> MeasureAsync(TwilioEmulatorHost emulator, string connectionString, TimeSpan window)
    {
        emulator.State.ClearRequests();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var verified = await ScalarAsync(connectionString, $"SELECT count(*) FROM voip_providers.twilio_providers WHERE last_verified_at >= '{started:O}'");
        var backlog = await ScalarAsync(connectionString, "SELECT count(*) FROM voip_providers.twilio_providers WHERE next_verification_at < now() - interval '1 minute'");
        var calls = emulator.State.Requests.Count;
        return new Measurement(
            verified,
            verified / clock.Elapsed.TotalMinutes,
            verified == 0 ? 0 : calls / (double)verified,
            cpu / (clock.Elapsed * Environment.ProcessorCount),
            backlog);
    }

    private static void SetLatency(TwilioEmulatorHost emulator, TimeSpan latency)
    {
        foreach (var operation in Enum.GetValues<TwilioOperation>())
        {
            emulator.State.SetLatency(operation, latency);
        }
    }

    private static async Task ConnectAsync(HttpClient client, EmulatedAccount account, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/providers/twilio", new { accountSid = account.Sid, authToken = account.AuthToken }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Connecting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private sealed record Measurement(long Verified, double PerMinute, double CallsPerVerification, double CpuShare, long Backlog);
}
