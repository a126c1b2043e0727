using System.Diagnostics;
using System.Globalization;
using VoipProviders.LoadTests.Reference;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.LoadTests;

/// <summary>
/// The whole run: the Twilio emulator (in this process), the project's Release host and the reference server (each a
/// process of its own on loopback Kestrel, Production), seeding through the project's API, the parity check, then per
/// endpoint the rounds alternating project and reference, and the summary against the targets.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var webDll = options.WebDll ?? DefaultWebDll();
        var clock = Stopwatch.StartNew();
        Console.WriteLine(Invariant(
            $"load benchmark: {options.Concurrency} clients, {options.Rounds} round(s) per server and endpoint (project, reference alternating), {options.Warmup.TotalSeconds:0.#} s warm-up (first round at least {options.FirstWarmup.TotalSeconds:0.#} s, then until the tiered JIT is quiet, at most {options.MaxFirstWarmup.TotalSeconds:0.#} s) + {options.Duration.TotalSeconds:0.#} s measured each, Twilio emulator {options.Latency.TotalMilliseconds:0} ms per call, {options.Providers} providers in {options.Organizations} organizations; endpoints {string.Join(", ", options.Endpoints.Select(e => e.OptionName()))}{(options.Smoke ? " (smoke)" : "")}{(options.ReferencePrepared ? "; the reference's statements prepared as the project's (--reference-prepared)" : "")}{(options.ReferenceRecords ? "" : "; the reference's rotation writes no audit record and no event (--reference-bare)")}"));
        Console.WriteLine(Invariant($"measuring takes at least {options.MeasuringTime.TotalMinutes:0.0} min after start-up and seeding (first rounds wait for the JIT)"));
        Console.WriteLine("background verification (after changes, and the scheduled sweep) is off here: build/scenarios.sh measures it");
        Console.WriteLine($"{Environment.ProcessorCount} CPU cores shared by both servers, PostgreSQL, the emulator and the clients: figures are noisy when anything else runs (other builds or tests)");

        await using var emulator = await TwilioEmulatorHost.StartAsync(cancellationToken: cancellationToken);
        var auth = new LoadAuth();
        var twilio = emulator.BaseAddress.ToString().TrimEnd('/');

        using var projectServer = ServerProcess.Start("project host", webDll, [], new Dictionary<string, string>(Common(auth))
        {
            ["ConnectionStrings__VoipProviders"] = options.ConnectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["DataProtection__AllowUnprotectedKeys"] = "true",
            ["Twilio__AllowInsecureBaseUrls"] = "true",
            ["Twilio__BaseUrls__api"] = twilio,
            ["Twilio__BaseUrls__trunking"] = twilio,
            ["Twilio__BaseUrls__accounts"] = twilio,
            ["Verification__VerifyAfterChanges"] = "false",
            ["Verification__SweepEnabled"] = "false",
            // On, so its cost is measured; high enough never to refuse the benchmark (the setting's maximum).
            ["RateLimiting__MutatingRequestsPerMinutePerOrganization"] = "1000000",
            // Every seeding connect queues its provisioning intent's reconciliation, due after this grace period; with
            // the default (10 min) all of them would come due together in the middle of the measurement. Each would
            // find nothing to do — a few thousand scheduler firings in a minute are noise, not the cost of a request.
            ["TwilioResourceCleanup__UnfinishedConnectGracePeriod"] = "12:00:00",
        });
        await projectServer.WaitUntilReadyAsync("/health/ready", TimeSpan.FromMinutes(3), cancellationToken);
        Console.WriteLine($"project host (pid {projectServer.ProcessId}) ready on {projectServer.BaseAddress} from {webDll}");
        using var project = new LoadTarget("project", projectServer);

        var fleet = await Fleet.SeedAsync(project.Client, emulator, auth, options.Providers, options.Organizations, cancellationToken);

        // After seeding: the project has made the Data Protection key the reference reads.
        using var referenceServer = ServerProcess.Start(
            "reference server",
            typeof(Program).Assembly.Location,
            [ReferenceServer.Argument],
            new Dictionary<string, string>(Common(auth))
            {
                ["Reference__ConnectionString"] = ReferenceConnectionString(options),
                ["Reference__TwilioBaseUrl"] = twilio,
                ["Reference__Records"] = options.ReferenceRecords ? "true" : "false",
            });
        await referenceServer.WaitUntilReadyAsync("/health/live", TimeSpan.FromMinutes(1), cancellationToken);
        Console.WriteLine($"reference server (pid {referenceServer.ProcessId}) ready on {referenceServer.BaseAddress}");
        using var reference = new LoadTarget("reference", referenceServer);

        foreach (var operation in Enum.GetValues<TwilioOperation>())
        {
            emulator.State.SetLatency(operation, options.Latency);
        }

        var failures = await ParityCheck.RunAsync(project, reference, emulator, fleet, options, cancellationToken);
        await WaitForOutboxToDrainAsync(options.ConnectionString, cancellationToken);
        Console.WriteLine(Invariant($"set-up done after {clock.Elapsed.TotalSeconds:0} s"));
        Console.WriteLine();

        var results = new List<RoundResult>();
        foreach (var endpoint in options.Endpoints)
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var target in new[] { project, reference })
                {
                    emulator.State.ClearRequests();
                    GC.Collect();
                    var result = await LoadRound.RunAsync(endpoint, target, fleet, options, round, cancellationToken);
                    results.Add(result);
                    Console.WriteLine(result);
                }
            }
        }

        var missed = LoadReport.Print(results, [project.Name, reference.Name], options.Endpoints);
        if (failures > 0)
        {
            Console.WriteLine($"parity check: {failures} difference(s) between the reference and the project (see above): the comparison is not like for like");
        }

        Console.WriteLine(Invariant($"{missed} target(s) missed; whole run {clock.Elapsed.TotalMinutes:0.0} min"));
        return (missed > 0 || failures > 0) && !options.NoFail ? 1 : 0;
    }

    /// <summary>Settings both servers get: Production, JWT validation, logging at Warning.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Common(LoadAuth auth) =>
    [
        new("ASPNETCORE_ENVIRONMENT", "Production"),
        new("DOTNET_ENVIRONMENT", "Production"),
        new("Logging__LogLevel__Default", "Warning"),
        new("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Warning"),
        .. auth.Environment(),
    ];

    /// <summary>
    /// The reference's connection string: Npgsql's defaults (a pooled connection is reset with <c>DISCARD ALL</c> and
    /// statements are not prepared), or with <see cref="LoadOptions.ReferencePrepared"/> the project's settings
    /// (VoipProviders.Infrastructure's EfConnectionString: no reset on close, up to 64 statements auto-prepared after 2 uses).
    /// </summary>
    private static string ReferenceConnectionString(LoadOptions options)
    {
        if (!options.ReferencePrepared)
        {
            return options.ConnectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>src/VoipProviders.Web/bin/Release/net10.0/VoipProviders.Web.dll under the repository this program was built in.</summary>
    private static string DefaultWebDll()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoipProviders.sln")))
            {
                return Path.Combine(directory.FullName, "src", "VoipProviders.Web", "bin", "Release", "net10.0", "VoipProviders.Web.dll");
            }
        }

        throw new InvalidOperationException("No repository above this program: pass --web-dll (build/load.sh does).");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Seeding queued a background job per connect (its reconciliation); until the project has handed them all to the
    /// scheduler, that work runs in the project's process and would be measured as the cost of its requests.
    /// </summary>
    private static async Task WaitForOutboxToDrainAsync(string connectionString, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM voip_providers.background_job_outbox");
            var pending = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (pending == 0 || waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                Console.WriteLine(Invariant($"the project's background job outbox: {pending} left after {waited.Elapsed.TotalSeconds:0} s"));
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
