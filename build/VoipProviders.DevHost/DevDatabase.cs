using Testcontainers.PostgreSql;

namespace VoipProviders.DevHost;

/// <summary>
/// The throwaway PostgreSQL: the one whose connection string build/run.sh hands over (it starts one from the
/// machine's binaries when no Docker engine is reachable), otherwise a Testcontainers container removed on dispose.
/// </summary>
internal sealed class DevDatabase : IAsyncDisposable
{
    private readonly PostgreSqlContainer? _container;

    private DevDatabase(string connectionString, string description, PostgreSqlContainer? container)
    {
        ConnectionString = connectionString;
        Description = description;
        _container = container;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<DevDatabase> StartAsync(string? handedOver, CancellationToken cancellationToken)
    {
        if (handedOver is not null)
        {
            return new DevDatabase(handedOver, $"{handedOver} (throwaway, from build/run.sh)", null);
        }

        Console.WriteLine("Starting PostgreSQL with Testcontainers (postgres:16-alpine)...");
        PostgreSqlContainer? container = null;
        try
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").WithDatabase("voip_providers").Build();
            await container.StartAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new DevHostException(
                $"Could not start PostgreSQL with Testcontainers: {exception.Message} " +
                $"(build/run.sh uses the machine's PostgreSQL instead when no Docker engine is reachable, or set {DevHostOptions.PostgresVariable}).",
                exception);
        }

        var connectionString = container.GetConnectionString();
        return new DevDatabase(connectionString, $"{connectionString} (throwaway Testcontainers container)", container);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
