using Npgsql;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// An empty database of its own on the tests' PostgreSQL server, for a test that needs state the shared one must not
/// see (a key ring of its own, a replica that is not part of the shared cluster); dropped on dispose.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private ScratchDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string sharedConnectionString, string purpose)
    {
        // PostgreSQL names are at most 63 bytes: a short purpose and 32 hex characters.
        var name = $"vp_{purpose}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(sharedConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(sharedConnectionString) { Database = name };
        return new ScratchDatabase(sharedConnectionString, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
