using System.Globalization;

namespace VoipProviders.LoadTests;

/// <summary>Command-line options (and the few environment variables build/load.sh passes on).</summary>
internal sealed record LoadOptions
{
    public const string PostgresVariable = "VOIPPROVIDERS_LOAD_POSTGRES";
    public const string SmokeVariable = "VOIPPROVIDERS_LOAD_SMOKE";
    public const string WebDllVariable = "VOIPPROVIDERS_LOAD_WEB_DLL";

    public const string Usage = """
        usage: build/load.sh [options]   (or: dotnet VoipProviders.LoadTests.dll [options])
          --concurrency N     concurrent HTTP clients (default 64)
          --warmup S          warm-up seconds per round, not measured (default 3)
          --first-warmup S    least warm-up seconds of each endpoint's first round (default 30); it goes on until the
                              server's tiered JIT has been quiet for 5 s
          --max-first-warmup S  most warm-up seconds of a first round, JIT quiet or not (default 240)
          --duration S        measured seconds per round (default 10)
          --rounds N          rounds per server and endpoint, alternating project/reference (default 3)
          --latency-ms MS     Twilio emulator latency per call while measuring (default 20)
          --providers N       providers seeded through the project's POST API (default 2000)
          --organizations N   organizations they are spread over (default 50)
          --endpoints LIST    comma-separated: get,list,patch,verify,resolve (default all)
          --seed N            seed of the clients' random generators (default 9)
          --smoke             tiny run: 1 round of 1 s + 2 s, 100 providers, 16 clients (also VOIPPROVIDERS_LOAD_SMOKE=1)
          --no-fail           exit 0 even when a target is missed
          --reference-prepared  the reference's Npgsql pool configured as the project's (No Reset On Close, statements
                              auto-prepared) instead of Npgsql's defaults (which the targets were set against)
          --reference-bare    the reference's rotation writes only its UPDATE, without the audit record and integration event
                              the project writes with it since issue 19 (by default it writes both, numbered by the same
                              trigger, in data-modifying CTEs of its UPDATE, as parity requires)
          --web-dll PATH      the project's built VoipProviders.Web.dll (default: src/VoipProviders.Web/bin/Release/net10.0)
        PostgreSQL: VOIPPROVIDERS_LOAD_POSTGRES (build/load.sh starts a throwaway one when it is not set).
        """;

    public required string ConnectionString { get; init; }

    public string? WebDll { get; init; }

    public int Concurrency { get; init; } = 64;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The least warm-up of each endpoint's first round. It then goes on until the server's tiered JIT is quiet (see
    /// LoadRound): on 2 cores shared with the load, the JIT recompiles hot methods (Tier-1, PGO) for a minute or more
    /// after an endpoint's first requests, which would otherwise be measured as the server's cost.
    /// </summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most warm-up of a first round, the JIT quiet or not.</summary>
    public TimeSpan MaxFirstWarmup { get; init; } = TimeSpan.FromSeconds(240);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int Rounds { get; init; } = 3;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(20);

    public int Providers { get; init; } = 2000;

    public int Organizations { get; init; } = 50;

    public IReadOnlyList<LoadEndpoint> Endpoints { get; init; } = Enum.GetValues<LoadEndpoint>();

    public int Seed { get; init; } = 9;

    public bool Smoke { get; init; }

    public bool NoFail { get; init; }

    /// <summary>
    /// The reference's connection string gets the project's pool settings (no <c>DISCARD ALL</c> on return, frequent
    /// statements prepared): a stricter baseline for endpoints whose whole database cost is one small SELECT.
    /// </summary>
    public bool ReferencePrepared { get; init; }

    /// <summary>
    /// The reference's rotation writes an audit record and an event with its UPDATE, as the project's has since issue 19:
    /// the reference answers what the project answers and leaves the same rows (the parity check proves it). Off with
    /// <c>--reference-bare</c>, the rotation of the targets' first measurement (issue 9).
    /// </summary>
    public bool ReferenceRecords { get; init; } = true;

    public bool ShowHelp { get; init; }

    /// <summary>How long the measuring part takes (seeding and start-up come on top).</summary>
    public TimeSpan MeasuringTime => ((Warmup + Duration) * Rounds * 2 * Endpoints.Count) + ((FirstWarmup - Warmup) * 2 * Endpoints.Count);

    public TimeSpan WarmupOf(int round) => round == 1 ? FirstWarmup : Warmup;

    public static LoadOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Any(a => a is "--help" or "-h"))
        {
            return new LoadOptions { ConnectionString = string.Empty, ShowHelp = true };
        }

        var smoke = args.Contains("--smoke", StringComparer.Ordinal) || environment(SmokeVariable) is "1" or "true";
        var options = new LoadOptions
        {
            ConnectionString = environment(PostgresVariable) is { Length: > 0 } connection
                ? connection
                : throw new ArgumentException($"Set {PostgresVariable} to a PostgreSQL connection string (build/load.sh does)."),
            WebDll = environment(WebDllVariable) is { Length: > 0 } dll ? dll : null,
        };
        if (smoke)
        {
            options = options with
            {
                Smoke = true,
                Concurrency = 16,
                Warmup = TimeSpan.FromSeconds(1),
                FirstWarmup = TimeSpan.FromSeconds(1),
                MaxFirstWarmup = TimeSpan.FromSeconds(1),
                Duration = TimeSpan.FromSeconds(2),
                Rounds = 1,
                Providers = 100,
                Organizations = 5,
            };
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--smoke":
                    break;
                case "--no-fail":
                    options = options with { NoFail = true };
                    break;
                case "--reference-prepared":
                    options = options with { ReferencePrepared = true };
                    break;
                case "--reference-bare":
                    options = options with { ReferenceRecords = false };
                    break;
                case "--concurrency":
                    options = options with { Concurrency = Positive(name, Value(args, ref i)) };
                    break;
                case "--warmup":
                    options = options with { Warmup = TimeSpan.FromSeconds(Seconds(name, Value(args, ref i), allowZero: true)) };
                    break;
                case "--first-warmup":
                    options = options with { FirstWarmup = TimeSpan.FromSeconds(Seconds(name, Value(args, ref i), allowZero: true)) };
                    break;
                case "--max-first-warmup":
                    options = options with { MaxFirstWarmup = TimeSpan.FromSeconds(Seconds(name, Value(args, ref i), allowZero: true)) };
                    break;
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(Seconds(name, Value(args, ref i), allowZero: false)) };
                    break;
                case "--rounds":
                    options = options with { Rounds = Positive(name, Value(args, ref i)) };
                    break;
                case "--latency-ms":
                    options = options with { Latency = TimeSpan.FromMilliseconds(Seconds(name, Value(args, ref i), allowZero: true)) };
                    break;
                case "--providers":
                    options = options with { Providers = Positive(name, Value(args, ref i)) };
                    break;
                case "--organizations":
                    options = options with { Organizations = Positive(name, Value(args, ref i)) };
                    break;
                case "--seed":
                    options = options with { Seed = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) };
                    break;
                case "--web-dll":
                    options = options with { WebDll = Value(args, ref i) };
                    break;
                case "--endpoints":
                    options = options with
                    {
                        Endpoints = [.. Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(LoadEndpoints.Parse).Distinct().Order()],
                    };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.Organizations > options.Providers)
        {
            throw new ArgumentException("--organizations must not exceed --providers.");
        }

        if (options.Providers < options.Concurrency * 2)
        {
            // Changes and verifications claim a provider per client; with too few, clients would wait for each other.
            throw new ArgumentException("--providers must be at least twice --concurrency.");
        }

        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("--endpoints names no endpoint.");
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");

    private static double Seconds(string name, string value, bool allowZero) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && (parsed > 0 || (allowZero && parsed == 0))
            ? parsed
            : throw new ArgumentException($"{name} must be a {(allowZero ? "non-negative" : "positive")} number, not '{value}'.");
}
