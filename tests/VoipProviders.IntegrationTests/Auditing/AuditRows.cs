using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Auditing;

/// <summary>Reads and pokes voip_providers.audit_events directly (raw SQL), as stored.</summary>
internal sealed class AuditRows(string connectionString)
{
    public const string Table = VoipProvidersDbContext.Schema + ".audit_events";

    /// <summary>How many records there are of the action (all of them when null).</summary>
    public async Task<long> CountAsync(string? action = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Table} WHERE @action::text IS NULL OR action = @action", connection);
        command.Parameters.AddWithValue("action", (object?)action ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Who made each record of the action and with which trigger (details' <c>trigger</c>), oldest first.</summary>
    public async Task<IReadOnlyList<(string ActorType, string ActorId, string? Trigger)>> ActorsAsync(string action)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT actor_type, actor_id, details->>'trigger' FROM {Table} WHERE action = @action ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("action", action);
        await using var reader = await command.ExecuteReaderAsync();
        var actors = new List<(string, string, string?)>();
        while (await reader.ReadAsync())
        {
            actors.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return actors;
    }

    /// <summary>Every record as its row's JSON text: what a secret scan reads.</summary>
    public async Task<string> DumpAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT coalesce(string_agg(row_to_json(a)::text, E'\\n'), '') FROM {Table} a", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ids of every record.</summary>
    public async Task<IReadOnlyList<Guid>> IdsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM {Table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
