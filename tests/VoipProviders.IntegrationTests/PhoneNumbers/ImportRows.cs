using Npgsql;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>Reads the durable imports (phone_number_imports and their claims) and their reconciliation jobs directly (raw SQL), as stored.</summary>
internal sealed class ImportRows(string connectionString)
{
    public const string ReconciliationJobName = "phone-number-import-reconciliation";

    private const string Schema = VoipProvidersDbContext.Schema;

    public Task<long> CountImportsAsync(string? status = null) =>
        ScalarAsync($"SELECT count(*) FROM {Schema}.phone_number_imports WHERE @status::text IS NULL OR status = @status", status);

    public Task<long> CountClaimsAsync() => ScalarAsync($"SELECT count(*) FROM {Schema}.phone_number_import_claims", null);

    /// <summary>The claims held now: number → whether its import attaches it.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ClaimsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT phone_number_sid, attach FROM {Schema}.phone_number_import_claims", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var claims = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            claims[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return claims;
    }

    /// <summary>When the scheduler will first run each import's reconciliation job (once the outbox handed it over).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ReconciliationsDueAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT t.next_fire_time FROM {Schema}.qrtz_triggers t
            JOIN {Schema}.qrtz_job_details j ON j.sched_name = t.sched_name AND j.job_name = t.job_name AND j.job_group = t.job_group
            WHERE j.job_group = '{IntegrationFixture.BackgroundJobGroup}' AND j.description = '{ReconciliationJobName}'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var due = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            // Quartz stores fire times as .NET ticks (UTC).
            due.Add(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero));
        }

        return due;
    }

    /// <summary>
    /// Locks the table (of the module's schema) until the returned lock is disposed (its transaction then rolls back):
    /// whoever reads it meanwhile waits at that read.
    /// </summary>
    public async Task<IAsyncDisposable> HoldTableAsync(string table)
    {
        var connection = await OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {Schema}.{table} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    /// <summary>Sessions of this database waiting for a lock right now in a statement that names the table.</summary>
    public Task<long> CountSessionsWaitingForALockOnAsync(string table) =>
        ScalarAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%{Schema}.{table}%'",
            null);

    private async Task<long> ScalarAsync(string sql, string? status)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@status", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("status", (object?)status ?? DBNull.Value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
