using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Infrastructure.UnitTests.Fakes;

/// <summary>The production Twilio adapter (real SDK, real handlers, real pipeline) over a scripted HTTP handler.</summary>
internal sealed class TwilioTestHarness
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "0123456789abcdef0123456789abcdef";

    public TwilioTestHarness(TwilioResilienceOptions? resilience = null, TimeProvider? timeProvider = null, int maxListPages = TwilioOptions.DefaultMaxListPages)
    {
        TimeProvider = timeProvider ?? System.TimeProvider.System;
        Options = new TwilioOptions
        {
            Resilience = resilience ?? new TwilioResilienceOptions
            {
                MaxRetryAttempts = 2,
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
                MaxRetryDelay = TimeSpan.FromMilliseconds(5),
                AttemptTimeout = TimeSpan.FromSeconds(5),
                TotalTimeout = TimeSpan.FromSeconds(20),
            },
            MaxListPages = maxListPages,
        };
        var httpClient = new HttpClient(new TwilioCallScopeHandler { InnerHandler = Handler });
        var metrics = new TwilioMetrics(new PlainMeterFactory());
        Pipeline = new TwilioResiliencePipeline(Microsoft.Extensions.Options.Options.Create(Options), TimeProvider, metrics, NullLogger<TwilioResiliencePipeline>.Instance);
        var executor = new TwilioCallExecutor(
            new TwilioRestClientFactory(new SingleClientFactory(httpClient)),
            Pipeline,
            TimeProvider,
            metrics,
            NullLogger<TwilioCallExecutor>.Instance);
        Gateway = new TwilioGateway(executor, Microsoft.Extensions.Options.Options.Create(Options), Logger);
    }

    public ScriptedTwilioHandler Handler { get; } = new();

    /// <summary>What the gateway itself logs (refused next pages, lists cut at the page cap).</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogger<TwilioGateway> Logger { get; } = new();

    public TwilioOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public TwilioResiliencePipeline Pipeline { get; }

    public ITwilioGateway Gateway { get; }

    public static TwilioCredentials Credentials { get; } = new(Domain.Twilio.AccountSid.Parse(AccountSid), TwilioAuthToken.From(AuthToken));

    public static string AccountJson(string status = "active") =>
        $$"""{"sid":"{{AccountSid}}","friendly_name":"Acme","status":"{{status}}","type":"Full","owner_account_sid":"{{AccountSid}}","date_created":"Thu, 30 Jul 2015 20:00:00 +0000","date_updated":"Thu, 30 Jul 2015 20:00:00 +0000","uri":"/2010-04-01/Accounts/{{AccountSid}}.json"}""";

    public static FakeTimeProvider NewFakeTime() => new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
