using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Benchmarks;

/// <summary>
/// What the adapter adds on top of Twilio's own latency: a TwilioRestClient per credential pair, the Polly pipeline,
/// the call scope and the SDK's serialization — measured over an in-memory HTTP handler.
/// </summary>
[MemoryDiagnoser]
public class TwilioGatewayBenchmarks
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private static readonly TwilioCredentials Credentials = new(Domain.Twilio.AccountSid.Parse(AccountSid), TwilioAuthToken.From("0123456789abcdef0123456789abcdef"));
    private static readonly byte[] AccountJson = Encoding.UTF8.GetBytes(
        $$"""{"sid":"{{AccountSid}}","friendly_name":"Acme","status":"active","type":"Full","date_created":"Thu, 30 Jul 2015 20:00:00 +0000"}""");

    private ITwilioGateway _gateway = null!;
    private TwilioRestClientFactory _clients = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new TwilioOptions());
        var httpClient = new HttpClient(new TwilioCallScopeHandler { InnerHandler = new CannedHandler() });
        _clients = new TwilioRestClientFactory(new SingleClientFactory(httpClient));
        var metrics = new TwilioMetrics(new PlainMeterFactory());
        var executor = new TwilioCallExecutor(
            _clients,
            new TwilioResiliencePipeline(options, TimeProvider.System, metrics, NullLogger<TwilioResiliencePipeline>.Instance),
            TimeProvider.System,
            metrics,
            NullLogger<TwilioCallExecutor>.Instance);
        _gateway = new TwilioGateway(executor, options, NullLogger<TwilioGateway>.Instance);
    }

    [Benchmark]
    public object CreateRestClient() => _clients.Create(Credentials);

    [Benchmark]
    public Task<TwilioAccount> FetchAccountThroughPipeline() => _gateway.GetActiveAccountAsync(Credentials, CancellationToken.None);

    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(AccountJson) });
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
