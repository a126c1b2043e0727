using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.TwilioEmulator;
using VoipProviders.Web.Auth;

namespace VoipProviders.Scenarios;

/// <summary>
/// End-to-end performance scenarios: the Release host on Kestrel, PostgreSQL and the Twilio emulator with latency.
/// build/scenarios.sh starts PostgreSQL and runs them; the targets are in README.md ("Performance targets").
/// The exit code is 1 when a target is missed.
/// </summary>
internal static class ScenarioRunner
{
    private static readonly string[] Scenarios = ["import", "list", EventLagScenario.Name, "sweep"];

    /// <summary>
    /// <c>[--only import|list|event-lag|sweep] [latency-ms] [sweep-providers] [sweep-window-s]</c>; <c>--only</c> may be
    /// repeated, and without it every scenario runs.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("VOIPPROVIDERS_SCENARIO_POSTGRES")
            ?? throw new InvalidOperationException("Set VOIPPROVIDERS_SCENARIO_POSTGRES (build/scenarios.sh does).");
        var only = new HashSet<string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--only")
            {
                var name = i + 1 < args.Length ? args[++i] : string.Empty;
                if (!Scenarios.Contains(name, StringComparer.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"--only takes one of: {string.Join(", ", Scenarios)}");
                    return 2;
                }

                only.Add(name);
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        bool Runs(string scenario) => only.Count == 0 || only.Contains(scenario);
        var latency = TimeSpan.FromMilliseconds(positional.Count > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 100);
        var sweepProviders = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : VerificationSweepScenario.TargetPerHour;
        var sweepWindow = TimeSpan.FromSeconds(positional.Count > 2 ? double.Parse(positional[2], CultureInfo.InvariantCulture) : 180);
        Console.WriteLine(FormattableString.Invariant(
            $"scenarios: {string.Join(", ", Scenarios.Where(Runs))} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription})"));

        await using var emulator = await TwilioEmulatorHost.StartAsync();
        foreach (var operation in Enum.GetValues<TwilioOperation>())
        {
            emulator.State.SetLatency(operation, latency);
        }

        var auth = new AuthOptions { Issuer = "scenarios", Audience = "voip-providers", SigningKey = "scenarios-only-signing-key-0123456789abcdef0123" };
        var eventLagRecorder = new EventLagRecorder();
        await using var host = new ScenarioHost(connectionString, emulator.BaseAddress, auth, eventLagRecorder);
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevTokenIssuer.Issue(auth, "org_scenarios", TimeSpan.FromHours(1), TimeProvider.System));

        var failures = 0;

        // 1. Import 500 numbers onto a trunk, every Twilio call taking `latency`.
        if (Runs("import"))
        {
            failures += await ImportAsync(client, emulator, latency);
        }

        // 2. 50 callers list the available numbers of an account with 5,000 numbers at once.
        if (Runs("list"))
        {
            failures += await ListAsync(client, emulator);
        }

        // 3. Delivery lag of integration events at 200 events per second (before the sweep, whose providers it would share the machine with).
        if (Runs(EventLagScenario.Name))
        {
            failures += await EventLagScenario.RunAsync(client, emulator, connectionString, eventLagRecorder);
        }

        // 4. The scheduled re-verification of 10,000 providers an hour (200 ms per Twilio call).
        if (Runs("sweep"))
        {
            failures += await VerificationSweepScenario.RunAsync(client, emulator, connectionString, sweepProviders, sweepWindow);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> ImportAsync(HttpClient client, TwilioEmulatorHost emulator, TimeSpan latency)
    {
        var importAccount = emulator.State.AddAccount("Import scenario");
        var sids = Enumerable.Range(0, 500)
            .Select(i => emulator.State.AddIncomingPhoneNumber(importAccount.Sid, "+1415" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture)).Sid)
            .ToList();
        var importProvider = await ConnectAsync(client, importAccount);
        var clock = Stopwatch.StartNew();
        using var import = await client.PostAsJsonAsync($"/api/v1/providers/twilio/{importProvider}/import-numbers", new { phoneNumberSids = sids });
        clock.Stop();
        var result = await import.Content.ReadFromJsonAsync<JsonElement>();
        var imported = result.GetProperty("successCount").GetInt32();
        var within = clock.Elapsed < TimeSpan.FromSeconds(15) && imported == 500;
        Console.WriteLine(FormattableString.Invariant(
            $"import 500 numbers, {latency.TotalMilliseconds:0} ms per Twilio call: {clock.Elapsed.TotalSeconds:0.00} s, {imported} imported, {emulator.State.RequestsFor(TwilioOperation.AttachPhoneNumber).Count} attach requests (target < 15 s) {(within ? "OK" : "MISSED")}"));
        return within ? 0 : 1;
    }

    /// <summary>
    /// 50 callers of one provider's available numbers at once, over an account of 5,000 numbers (5 Twilio pages, each
    /// answered after the scenario's latency), with the production rate limits: they share one listing of the account,
    /// and a caller after them is answered from the kept listing. Target: at most 5 Twilio page requests in the cache
    /// period (Twilio:NumberListCacheSeconds, 30 s), every caller answered 200 with the whole account counted.
    /// </summary>
    private static async Task<int> ListAsync(HttpClient client, TwilioEmulatorHost emulator)
    {
        const int Callers = 50;
        var listAccount = emulator.State.AddAccount("Listing scenario");
        for (var i = 0; i < 5000; i++)
        {
            emulator.State.AddIncomingPhoneNumber(listAccount.Sid, "+1628" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture));
        }

        var listProvider = await ConnectAsync(client, listAccount);
        emulator.State.ClearRequests();
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i =>
            client.GetAsync(FormattableString.Invariant($"/api/v1/providers/twilio/{listProvider}/available-numbers?skip={i * 100}&take=20"))));
        clock.Stop();
        var answered = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalCount").GetInt32() == 5000)
                {
                    answered++;
                }
            }
        }

        var concurrentPages = emulator.State.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Count;
        var laterClock = Stopwatch.StartNew();
        using var later = await client.GetAsync($"/api/v1/providers/twilio/{listProvider}/available-numbers?skip=4990&take=20");
        laterClock.Stop();
        var pages = emulator.State.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Count;
        var within = pages <= 5 && answered == Callers && later.StatusCode == HttpStatusCode.OK;
        Console.WriteLine(FormattableString.Invariant(
            $"list an account of 5,000 numbers, {Callers} callers at once: {answered}/{Callers} answered 200 with all 5,000 counted in {clock.Elapsed.TotalSeconds:0.00} s, {concurrentPages} Twilio page requests; one more caller {laterClock.Elapsed.TotalMilliseconds:0} ms, {pages - concurrentPages} more; {pages} in the cache period (target <= 5) {(within ? "OK" : "MISSED")}"));
        return within ? 0 : 1;
    }

    private static async Task<Guid> ConnectAsync(HttpClient client, EmulatedAccount account)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/providers/twilio", new { accountSid = account.Sid, authToken = account.AuthToken });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Connecting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
