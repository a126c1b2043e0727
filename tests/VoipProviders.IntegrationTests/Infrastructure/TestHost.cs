using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>One running instance of the web host (a replica), on its own loopback port.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly VoipProvidersApiFactory _factory;

    private TestHost(VoipProvidersApiFactory factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    internal static TestHost Start(
        string connectionString,
        Uri twilioEmulator,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? testServices = null)
    {
        var factory = new VoipProvidersApiFactory(connectionString, twilioEmulator, settings, testServices);
        factory.UseKestrel(0);
        factory.StartServer();
        return new TestHost(factory);
    }

    public HttpClient ClientFor(string organizationId)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IntegrationFixture.TokenFor(organizationId));
        return client;
    }

    public HttpClient AnonymousClient() => _factory.CreateClient();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
