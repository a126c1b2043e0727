using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// The production Twilio adapter (real SDK, call-scope handler, transport, keyed pipelines) over any HTTP handler,
/// with any settings; exposes the pieces the hardening tests look into.
/// </summary>
internal sealed class TwilioAdapter
{
    public TwilioAdapter(HttpMessageHandler handler, TwilioOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new TwilioOptions { Resilience = FastResilience() };
        var time = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var httpClient = new HttpClient(new TwilioCallScopeHandler { InnerHandler = handler });
        Clients = new TwilioRestClientFactory(new SingleClientFactory(httpClient));
        var metrics = new TwilioMetrics(new PlainMeterFactory());
        Pipeline = new TwilioResiliencePipeline(Microsoft.Extensions.Options.Options.Create(Options), time, metrics, loggers.CreateLogger<TwilioResiliencePipeline>());
        Gateway = new TwilioGateway(
            new TwilioCallExecutor(Clients, Pipeline, time, metrics, loggers.CreateLogger<TwilioCallExecutor>()),
            Microsoft.Extensions.Options.Options.Create(Options),
            loggers.CreateLogger<TwilioGateway>());
    }

    public TwilioOptions Options { get; }

    public TwilioRestClientFactory Clients { get; }

    public TwilioResiliencePipeline Pipeline { get; }

    public ITwilioGateway Gateway { get; }

    /// <summary>Credentials of a test account: <c>AC000…0n</c> with a token of its own.</summary>
    public static TwilioCredentials Account(int number) =>
        new(AccountSid.Parse($"AC{number:x32}"), TwilioAuthToken.From($"{number + 0xabc:x32}"));

    public static TwilioResilienceOptions FastResilience() => new()
    {
        MaxRetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    public static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(5);
        }
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
