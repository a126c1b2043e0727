using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Respawn;
using Respawn.Graph;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.TwilioEmulator;
using VoipProviders.Web.Auth;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL, one Twilio emulator and one web host for the whole run (tests run serially in one collection);
/// <see cref="ResetAsync"/> puts them back to empty before each test.
/// </summary>
public sealed class IntegrationFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private TwilioEmulatorHost? _emulator;
    private VoipProvidersApiFactory? _factory;
    private Respawner? _respawner;

    public TwilioEmulatorState Twilio => Emulator.State;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IServiceProvider Services => Factory.Services;

    public DatabaseProbe Database => new(ConnectionString);

    internal string ConnectionString => _database?.ConnectionString ?? throw NotStarted();

    private TwilioEmulatorHost Emulator => _emulator ?? throw NotStarted();

    private VoipProvidersApiFactory Factory => _factory ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        _emulator = await TwilioEmulatorHost.StartAsync();
        _factory = new VoipProvidersApiFactory(_database.ConnectionString, _emulator.BaseAddress);
        _factory.UseKestrel(0);
        _factory.StartServer();

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = [VoipProvidersDbContext.Schema],
            // The key ring survives between tests, as it survives between requests in production.
            TablesToIgnore =
            [
                new Table(VoipProvidersDbContext.Schema, VoipProvidersDbContext.MigrationsHistoryTable),
                new Table(VoipProvidersDbContext.Schema, "data_protection_keys"),
            ],
        });
    }

    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        Twilio.Reset();
        await ResetCircuitAsync();
        Logs.Clear();
    }

    /// <summary>Closes the process-wide Twilio circuit breaker and forgets the calls it has counted.</summary>
    public Task ResetCircuitAsync() => Services.GetRequiredService<TwilioResiliencePipeline>().ResetCircuitAsync();

    /// <summary>An HTTP client for the running host (real TCP) that authenticates as a member of <paramref name="organizationId"/>.</summary>
    public HttpClient ClientFor(string organizationId)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(organizationId));
        return client;
    }

    public HttpClient AnonymousClient() => Factory.CreateClient();

    public static string TokenFor(string organizationId) =>
        DevTokenIssuer.Issue(TestAuth, organizationId, TimeSpan.FromMinutes(30), TimeProvider.System);

    internal static AuthSettings TestAuth => new()
    {
        Issuer = VoipProvidersApiFactory.Issuer,
        Audience = VoipProvidersApiFactory.Audience,
        SigningKey = VoipProvidersApiFactory.SigningKey,
    };

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
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

    private static InvalidOperationException NotStarted() => new("The integration fixture has not started.");
}
