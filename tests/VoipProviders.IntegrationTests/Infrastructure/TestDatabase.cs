using Testcontainers.PostgreSql;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL the tests run against: the one whose connection string the test script hands over in
/// <see cref="ConnectionStringVariable"/>, otherwise a Testcontainers container when a Docker engine is reachable.
/// Never an in-memory substitute.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "VOIPPROVIDERS_TEST_POSTGRES";

    private readonly PostgreSqlContainer? _container;

    private TestDatabase(string connectionString, PostgreSqlContainer? container)
    {
        ConnectionString = connectionString;
        _container = container;
    }

    public string ConnectionString { get; }

    public string Source => _container is null ? $"${ConnectionStringVariable}" : "Testcontainers";

    public static async Task<TestDatabase> StartAsync()
    {
        var handedOver = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(handedOver))
        {
            return new TestDatabase(handedOver, null);
        }

        PostgreSqlContainer? container = null;
        try
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").WithDatabase("voip_providers_tests").Build();
            await container.StartAsync();
        }
        catch (Exception exception)
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }

            throw new InvalidOperationException(
                $"No PostgreSQL for the integration tests: set {ConnectionStringVariable} (build/test.sh does) " +
                "or make a Docker engine reachable for Testcontainers.",
                exception);
        }

        return new TestDatabase(container.GetConnectionString(), container);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
