using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>Reads and ages the stored uses of Idempotency-Keys directly (raw SQL, not through the app).</summary>
public sealed class IdempotencyRecordsProbe(string connectionString)
{
    private const string Table = VoipProvidersDbContext.Schema + ".idempotency_records";

    /// <summary>The keys stored, in order.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT key FROM {Table} ORDER BY key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>What is stored for <paramref name="key"/>: the request's hash, the claim's token and the response's status (null while none is stored).</summary>
    public async Task<(byte[] RequestHash, Guid ClaimToken, int? ResponseStatus)?> FindAsync(string key)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT request_hash, claim_token, response_status FROM {Table} WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? ((byte[])reader[0], reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetInt32(2))
            : null;
    }

    /// <summary>Moves the use of <paramref name="key"/> <paramref name="age"/> into the past (its creation and its lock).</summary>
    public async Task AgeAsync(string key, TimeSpan age)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE {Table} SET created_at = created_at - @age, locked_until = locked_until - @age WHERE key = @key",
            connection);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("key", key);
        (await command.ExecuteNonQueryAsync()).Should().Be(1, $"the key {key} is stored");
    }

    /// <summary>Ends the lock of the request holding <paramref name="key"/>, as if it had held it past <see cref="IdempotencyStore.Lock"/>.</summary>
    public async Task ExpireLockAsync(string key)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"UPDATE {Table} SET locked_until = now() - interval '1 second' WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        (await command.ExecuteNonQueryAsync()).Should().Be(1, $"the key {key} is stored");
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
