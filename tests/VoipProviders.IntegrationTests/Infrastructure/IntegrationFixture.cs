using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Quartz;
using VoipProviders.Infrastructure.Events;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.IntegrationTests.PhoneNumbers;
using VoipProviders.TwilioEmulator;
using VoipProviders.Web.Auth;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL, one Twilio emulator and one web host for the whole run (tests run serially in one collection);
/// <see cref="ResetAsync"/> puts them back to empty before each test. Tests that need a second replica or a restart
/// start more hosts on the same database with <see cref="StartHostAsync"/>; the tests of a Twilio that does not answer
/// send their request to one replica with short Twilio timeouts, <see cref="ShortTwilioTimeoutsHostAsync"/>.
/// </summary>
public sealed class IntegrationFixture : IAsyncLifetime
{
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _shortTimeoutsHostGate = new(1, 1);
    private TestDatabase? _database;
    private TwilioEmulatorHost? _emulator;
    private TestHost? _host;
    private TestHost? _shortTimeoutsHost;
    private DatabaseReset? _reset;

    public TwilioEmulatorState Twilio => Emulator.State;

    public FakeLogCollector Logs => Host.Logs;

    public IServiceProvider Services => Host.Services;

    public DatabaseProbe Database => new(ConnectionString);

    /// <summary>The stand-in for the agents module in the fixture's host.</summary>
    public FakeAgentsModule Agents => Services.GetRequiredService<FakeAgentsModule>();

    /// <summary>Holds an import of the fixture's host at one of its points.</summary>
    public ImportGate ImportGate => Services.GetRequiredService<ImportGate>();

    /// <summary>Where the emulated Twilio listens, for tests that act as the tenant in "the Twilio Console".</summary>
    public Uri EmulatorBaseAddress => Emulator.BaseAddress;

    internal string ConnectionString => _database?.ConnectionString ?? throw NotStarted();

    private TwilioEmulatorHost Emulator => _emulator ?? throw NotStarted();

    private TestHost Host => _host ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        _emulator = await TwilioEmulatorHost.StartAsync();
        _host = TestHost.Start(_database.ConnectionString, _emulator.BaseAddress);

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        _reset = await DatabaseReset.CreateAsync(
            connection,
            VoipProvidersDbContext.Schema,
            // The key ring and the audit's fingerprint key (module_keys) survive between tests, as they survive between
            // requests in production (a host keeps the fingerprint key it loaded). The scheduler's tables belong to the
            // running scheduler; ResetAsync empties them through its API instead.
            [
                VoipProvidersDbContext.MigrationsHistoryTable,
                "data_protection_keys",
                "module_keys",
                .. await new DatabaseProbe(_database.ConnectionString).QuartzTablesAsync(),
            ]);
    }

    /// <summary>Stops background work, empties the database, the emulator and the log, and starts background work again.</summary>
    public async Task ResetAsync()
    {
        var scheduler = await SchedulerAsync();
        await scheduler.Standby();
        await WaitUntilNoJobRunsAsync(scheduler);
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(BackgroundJobGroup));

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _reset!.ResetAsync(connection);
        }

        Twilio.Reset();
        Agents.Reset();
        ImportGate.Release();
        await ResetCircuitAsync();
        Logs.Clear();
        if (_shortTimeoutsHost is { } shortTimeoutsHost)
        {
            await shortTimeoutsHost.Services.GetRequiredService<TwilioResiliencePipeline>().ResetCircuitAsync();
            shortTimeoutsHost.Logs.Clear();
        }

        await scheduler.Start();
    }

    /// <summary>The group of the scheduler's one-off background jobs (see RunBackgroundJob).</summary>
    public const string BackgroundJobGroup = "background-jobs";

    /// <summary>Keeps this host's scheduler from starting jobs (already running ones finish first), as if its replica were gone.</summary>
    public async Task PauseBackgroundJobsAsync()
    {
        var scheduler = await SchedulerAsync();
        await scheduler.Standby();
        // A trigger the scheduler thread acquired just before standby may still fire right after it: "nothing runs at
        // this instant" is not enough for a test that then counts what background work has not picked up.
        await WaitUntilNoJobRunsAsync(scheduler, quietPeriod: TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// The sweep's trigger is cluster state: replicas started with a short <c>Verification:SweepPeriod</c> shortened it;
    /// this gives it back its default period.
    /// </summary>
    public async Task RestoreVerificationSweepTriggerAsync()
    {
        var scheduler = await SchedulerAsync();
        var key = new TriggerKey("verification-sweep-period", "verification");
        await scheduler.RescheduleJob(key, TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(new JobKey("verification-sweep", "verification"))
            .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever())
            .Build());
    }

    /// <summary>
    /// Another replica on the same database and emulator, with its own settings (and test services, e.g. a database
    /// interceptor that breaks commits); dispose it to stop it.
    /// </summary>
    public Task<TestHost> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? testServices = null) =>
        Task.FromResult(TestHost.Start(ConnectionString, Emulator.BaseAddress, settings, testServices));

    /// <summary>
    /// A replica that runs no background jobs and whose database context goes through <paramref name="interceptor"/>
    /// (e.g. one that breaks commits the way a network does); dispose it to stop it.
    /// </summary>
    public Task<TestHost> StartHostInterceptingAsync(IInterceptor interceptor, IReadOnlyDictionary<string, string>? settings = null) =>
        StartHostAsync(
            new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["BackgroundJobs:Enabled"] = "false" },
            services => services.ConfigureDbContext<VoipProvidersDbContext>(options => options.AddInterceptors(interceptor)));

    /// <summary>
    /// A replica on the same database and emulator whose Twilio calls time out after
    /// <see cref="VoipProvidersApiFactory.ShortAttemptTimeout"/> an attempt and <see cref="VoipProvidersApiFactory.ShortTotalTimeout"/>
    /// in all, instead of the fixture host's <see cref="VoipProvidersApiFactory.AttemptTimeout"/> and
    /// <see cref="VoipProvidersApiFactory.TotalTimeout"/>: a test of what a Twilio that does not answer does sends its
    /// request there and waits a second instead of five. Otherwise configured like the fixture's host, but it runs no
    /// background jobs (the fixture's host runs what its requests queue, as it runs every other replica's). Started on
    /// first use and kept for the run; <see cref="ResetAsync"/> closes its circuits and clears its log too. Do not dispose it.
    /// </summary>
    public async Task<TestHost> ShortTwilioTimeoutsHostAsync()
    {
        await _shortTimeoutsHostGate.WaitAsync();
        try
        {
            return _shortTimeoutsHost ??= TestHost.Start(
                ConnectionString,
                Emulator.BaseAddress,
                new Dictionary<string, string>(VoipProvidersApiFactory.ShortTwilioTimeouts) { ["BackgroundJobs:Enabled"] = "false" });
        }
        finally
        {
            _shortTimeoutsHostGate.Release();
        }
    }

    /// <summary>Closes every Twilio circuit breaker of the fixture's host (one per product host and account) and forgets the calls they counted.</summary>
    public Task ResetCircuitAsync() => Services.GetRequiredService<TwilioResiliencePipeline>().ResetCircuitAsync();

    /// <summary>An HTTP client for the running host (real TCP) that authenticates as a member of <paramref name="organizationId"/>.</summary>
    public HttpClient ClientFor(string organizationId) => Host.ClientFor(organizationId);

    public HttpClient AnonymousClient() => Host.AnonymousClient();

    public static string TokenFor(string organizationId) =>
        DevTokenIssuer.Issue(TestAuth, organizationId, TimeSpan.FromMinutes(30), TimeProvider.System);

    internal static AuthOptions TestAuth => new()
    {
        Issuer = VoipProvidersApiFactory.Issuer,
        Audience = VoipProvidersApiFactory.Audience,
        SigningKey = VoipProvidersApiFactory.SigningKey,
    };

    public async Task DisposeAsync()
    {
        if (_shortTimeoutsHost is not null)
        {
            await _shortTimeoutsHost.DisposeAsync();
        }

        _shortTimeoutsHostGate.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<IScheduler> SchedulerAsync() =>
        await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>
    /// Waits until no job runs on this host's scheduler, and none has for <paramref name="quietPeriod"/>. The clustered
    /// store answers for every replica, so the query names this one: another replica's event dispatcher runs for as long
    /// as its scheduler does (ADR-015), and the jobs of a replica a test started are that replica's to run.
    /// </summary>
    /// <remarks>
    /// This host's event dispatcher run ends when it next sees its scheduler is no longer running, which an idle run
    /// looks at only every <c>IntegrationEvents:IdlePollInterval</c> (200 ms): while a job runs, the wait wakes it the way
    /// a local commit does (a hint only: a woken dispatcher with nothing to deliver just looks again), so it ends now
    /// rather than up to an idle interval later. Any other job is waited for as it is.
    /// </remarks>
    private async Task WaitUntilNoJobRunsAsync(IScheduler scheduler, TimeSpan quietPeriod = default)
    {
        using var timeout = new CancellationTokenSource(QuietTimeout);
        var quietSince = Stopwatch.GetTimestamp();
        var query = new FireInstanceQuery { State = FireInstanceState.Executing, SchedulerInstanceId = scheduler.SchedulerInstanceId };
        var eventSignal = Services.GetRequiredService<IntegrationEventSignal>();
        while (true)
        {
            if ((await scheduler.QueryFireInstances(query, timeout.Token)).Items.Count > 0)
            {
                eventSignal.Notify();
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) >= quietPeriod)
            {
                return;
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    private static InvalidOperationException NotStarted() => new("The integration fixture has not started.");
}
