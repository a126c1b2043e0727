using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Contracts;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.PhoneNumbers;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// The real web host on Kestrel (real HTTP on loopback), wired to the test PostgreSQL and to the Twilio emulator
/// through the production setting <c>Twilio:BaseUrls</c>. Every log record, down to Trace, is collected. Several can
/// run against one database at once: they form a cluster, as replicas do in production.
/// </summary>
internal sealed class VoipProvidersApiFactory(
    string connectionString,
    Uri twilioEmulator,
    IReadOnlyDictionary<string, string>? overrides = null,
    Action<IServiceCollection>? testServices = null) : WebApplicationFactory<Program>
{
    public const string Issuer = "voip-providers-tests";
    public const string Audience = "voip-providers";
    public const string SigningKey = "integration-tests-only-signing-key-0123456789abcdef";

    /// <summary>The platform's SIP ingress in the tests: the one origination URL every trunk gets.</summary>
    public const string OriginationUri = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls";

    /// <summary>The audience of service tokens of the internal API, which the shared host maps.</summary>
    public const string InternalAudience = "voip-providers-internal";

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(5);
    public const int MaxRetryAttempts = 3;
    public const int CircuitMinimumThroughput = 6;

    /// <summary>
    /// The per-attempt timeout of a host started with <see cref="ShortTwilioTimeouts"/>: as long as its whole budget
    /// (<see cref="ShortTotalTimeout"/>), so a call that Twilio holds times out once, after a second, and every call Twilio
    /// answers has that whole second, not a fraction of it, even on a loaded machine (a call to the emulator takes a few
    /// milliseconds). Retries after a timeout are the fixture host's business (<see cref="AttemptTimeout"/>).
    /// </summary>
    public static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The total timeout of a host started with <see cref="ShortTwilioTimeouts"/>: like <see cref="TotalTimeout"/>, it ends the retries of a call that keeps timing out.</summary>
    public static readonly TimeSpan ShortTotalTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Settings of a host whose Twilio calls time out after <see cref="ShortAttemptTimeout"/> an attempt and
    /// <see cref="ShortTotalTimeout"/> in all, for the tests of what a Twilio that does not answer does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShortTwilioTimeouts => new Dictionary<string, string>
    {
        ["Twilio:Resilience:AttemptTimeout"] = ShortAttemptTimeout.ToString(),
        ["Twilio:Resilience:TotalTimeout"] = ShortTotalTimeout.ToString(),
    };

    /// <summary>Background job retries in the tests: 200 ms, 400 ms, 800 ms, 1 s, 1 s (±20 %).</summary>
    public const int BackgroundJobMaxRetries = 5;
    public const int CleanupMaxAttemptsWhenCredentialsRejected = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var emulator = twilioEmulator.ToString().TrimEnd('/');
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:VoipProviders"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            // The tests' environment is not Development: an unencrypted key ring must be allowed explicitly there.
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:SigningKey"] = SigningKey,
            // The emulator speaks http, which outside Development must be allowed explicitly.
            ["Twilio:AllowInsecureBaseUrls"] = "true",
            ["Twilio:BaseUrls:api"] = emulator,
            ["Twilio:BaseUrls:trunking"] = emulator,
            ["Twilio:BaseUrls:accounts"] = emulator,
            ["Twilio:Resilience:AttemptTimeout"] = AttemptTimeout.ToString(),
            ["Twilio:Resilience:TotalTimeout"] = TotalTimeout.ToString(),
            ["Twilio:Resilience:MaxRetryAttempts"] = MaxRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Twilio:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Twilio:Resilience:MaxRetryDelay"] = "00:00:00.050",
            ["Twilio:Resilience:MaxRetryAfter"] = "00:00:02",
            ["Twilio:Resilience:DefaultRetryAfter"] = "00:00:01",
            ["Twilio:Resilience:CircuitFailureRatio"] = "0.9",
            ["Twilio:Resilience:CircuitMinimumThroughput"] = CircuitMinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Twilio:Resilience:CircuitSamplingDuration"] = "00:01:00",
            ["Twilio:Resilience:CircuitBreakDuration"] = "00:01:00",
            ["BackgroundJobs:IdleWaitTime"] = "00:00:01",
            ["BackgroundJobs:OutboxPollInterval"] = "00:00:02",
            ["BackgroundJobs:ClusterCheckinInterval"] = "00:00:02",
            ["BackgroundJobs:MaxRetries"] = BackgroundJobMaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BackgroundJobs:FirstRetryDelay"] = "00:00:00.200",
            ["BackgroundJobs:MaxRetryDelay"] = "00:00:01",
            // Event delivery hands over every second, so a test that paused jobs sees its events soon after it resumes them.
            ["IntegrationEvents:DispatchPeriod"] = "00:00:01",
            ["IntegrationEvents:FirstRetryDelay"] = "00:00:00.200",
            ["IntegrationEvents:MaxRetryDelay"] = "00:00:01",
            // The gauges' snapshot is refreshed once at start: the metrics tests refresh it themselves, and a periodic
            // refresh racing theirs could put back a count taken before their rows were written.
            ["BackgroundWork:MetricsRefreshInterval"] = "01:00:00",
            ["TwilioResourceCleanup:MaxAttemptsWhenCredentialsRejected"] =
                CleanupMaxAttemptsWhenCredentialsRejected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Off in the shared host: a background verification after every connect, rotation and update — or a sweep
            // finding a new provider due — would make Twilio calls the other tests do not expect and consume the faults
            // they inject. The verification tests start hosts with them on.
            ["Verification:VerifyAfterChanges"] = "false",
            ["Verification:SweepEnabled"] = "false",
            // Scheduled Auth Token rotations start only on the hosts of the tests about them.
            ["AuthTokenRotation:SchedulerEnabled"] = "false",
            // A stopped rotation's secondary is deleted at once in the shared host (production waits a minute for a create
            // that may still be on its way); the tests of that race start a host that waits.
            ["AuthTokenRotation:SecondaryCreateSettleTime"] = "00:00:00",
            // Off in the shared host: the suite makes far more changes per organization than production allows; the
            // rate-limiting tests start hosts with a low limit.
            ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = "0",
            ["RateLimiting:TwilioReadsPerMinutePerOrganization"] = "0",
            ["RateLimiting:ConcurrentTwilioReadsPerOrganization"] = "0",
            ["Sip:Origination:Uris:0:Uri"] = OriginationUri,
            // Off in the shared host, like the sweep: the rollout tests start hosts with it on.
            ["Sip:Origination:RolloutEnabled"] = "false",
            ["InternalApi:Enabled"] = "true",
            ["InternalApi:Audience"] = InternalAudience,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            // The scheduler polls the database every second; its own chatter would drown the records the tests read.
            ["Logging:LogLevel:Quartz"] = "Warning",
            ["Logging:LogLevel:Quartz.Core.JobRunShell"] = "Critical",
            ["Logging:LogLevel:Quartz.Core.ErrorLogger"] = "Critical",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Another module of the monolith, registering its side of the contract as a real one would.
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<FakeAgentsModule>();
            services.AddSingleton<IPhoneNumberUsage>(provider => provider.GetRequiredService<FakeAgentsModule>());
            services.AddSingleton<IIntegrationEventHandler<PhoneNumbersImported>>(provider => provider.GetRequiredService<FakeAgentsModule>());
            services.AddSingleton<IIntegrationEventHandler<PhoneNumberRemoved>>(provider => provider.GetRequiredService<FakeAgentsModule>());
            services.AddSingleton<IIntegrationEventHandler<ProviderVerificationStatusChanged>>(provider => provider.GetRequiredService<FakeAgentsModule>());
            // Lets a test hold an import at one of its points (disarmed unless a test arms it).
            services.AddSingleton<ImportGate>();
            services.AddSingleton<IPhoneNumberImportCheckpoints>(provider => provider.GetRequiredService<ImportGate>());
            testServices?.Invoke(services);
        });

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = false);
        });
    }
}
