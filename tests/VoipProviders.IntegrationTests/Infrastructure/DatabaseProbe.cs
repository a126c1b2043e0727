using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>Reads the database directly (raw SQL, not through the app) so tests see exactly what is stored.</summary>
public sealed class DatabaseProbe(string connectionString)
{
    private const string Providers = VoipProvidersDbContext.Schema + ".twilio_providers";
    private const string Cleanups = VoipProvidersDbContext.Schema + ".twilio_resource_cleanups";
    private const string Outbox = VoipProvidersDbContext.Schema + ".background_job_outbox";

    public Task<long> CountProvidersAsync() => ScalarAsync<long>($"SELECT count(*) FROM {Providers}");

    /// <summary>The whole row as JSON plus its xmin: equal snapshots mean the row was not written at all.</summary>
    public Task<string?> ProviderRowSnapshotAsync(Guid id) =>
        ScalarAsync<string?>($"SELECT row_to_json(p)::text || ' xmin=' || p.xmin::text FROM {Providers} p WHERE p.id = @id", id);

    /// <summary>
    /// Transactions held open between statements whose last statement touched the providers table: what a request
    /// keeping a transaction across a Twilio call looks like. Background work running a statement at that moment (the
    /// outbox, the scheduler, another test's job) is not counted, so the probe does not depend on their timing.
    /// </summary>
    public Task<long> TransactionsHeldOnProvidersAsync() =>
        ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            $"AND state LIKE 'idle in transaction%' AND query LIKE '%{Providers}%'");

    public Task<string?> ColumnAsync(Guid id, string column) =>
        ScalarAsync<string?>($"SELECT {column}::text FROM {Providers} WHERE id = @id", id);

    /// <summary>Changes stored data behind the application's back (states it cannot reach through the API yet).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task<long> CountCleanupsAsync() => ScalarAsync<long>($"SELECT count(*) FROM {Cleanups}");

    /// <summary>The clean-up recorded for a deleted provider, as JSON (null when there is none).</summary>
    public Task<string?> CleanupOfProviderAsync(Guid providerId) =>
        ScalarAsync<string?>($"SELECT row_to_json(c)::text FROM {Cleanups} c WHERE c.provider_id = @id", providerId);

    public Task<long> CountImportedNumbersAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.imported_phone_numbers");

    /// <summary>Verification runs holding a provider right now (their leases).</summary>
    public Task<long> CountVerificationLeasesAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.provider_verification_leases");

    /// <summary>Commit markers (ADR-004): written by commits that do not stamp an aggregate row.</summary>
    public Task<long> CountCommitMarkersAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.unit_of_work_commits");

    /// <summary>Integration events of a type (its contract's name, e.g. nameof(PhoneNumberRemoved)) stored in the outbox, delivered or not.</summary>
    public Task<long> CountIntegrationEventsAsync(string eventType) =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.integration_events WHERE event_type = @id", eventType);

    public Task<long> CountOutboxAsync() => ScalarAsync<long>($"SELECT count(*) FROM {Outbox}");

    /// <summary>
    /// Jobs in the outbox other than connects' reconciliations: every connect queues one, which the running scheduler
    /// takes out of the outbox at a moment a test does not control.
    /// </summary>
    public Task<long> CountOutboxExceptReconciliationsAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {Outbox} WHERE job_name <> '{ReconciliationJobName}'");

    /// <summary>
    /// Jobs named <paramref name="jobName"/> queued and not yet run, wherever they are: still in the outbox, or handed
    /// to the scheduler's store (with background work paused, a dispatch already under way may still move them there).
    /// </summary>
    public Task<long> CountQueuedJobsAsync(string jobName) =>
        ScalarAsync<long>(
            $"SELECT (SELECT count(*) FROM {Outbox} WHERE job_name = @id) + (SELECT count(*) FROM {VoipProvidersDbContext.Schema}.qrtz_job_details " +
            $"WHERE job_group = '{IntegrationFixture.BackgroundJobGroup}' AND description = @id)",
            jobName);

    /// <summary>
    /// One-off background jobs the scheduler still holds, but for connects' reconciliations: every connect queues one
    /// due after the grace period, which finds nothing to do once the connect committed.
    /// </summary>
    public Task<long> CountScheduledBackgroundJobsAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.qrtz_job_details WHERE job_group = '{IntegrationFixture.BackgroundJobGroup}' AND description <> '{ReconciliationJobName}'");

    public const string ReconciliationJobName = "provisioning-intent-reconciliation";

    /// <summary>When the scheduler will first run each connect's reconciliation job.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> ReconciliationsDueAsync() => JobsDueAsync(ReconciliationJobName);

    /// <summary>When the scheduler will next run each job named <paramref name="jobName"/> that it holds.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> JobsDueAsync(string jobName) =>
        RowsAsync(
            $"""
            SELECT t.next_fire_time FROM {VoipProvidersDbContext.Schema}.qrtz_triggers t
            JOIN {VoipProvidersDbContext.Schema}.qrtz_job_details j ON j.sched_name = t.sched_name AND j.job_name = t.job_name AND j.job_group = t.job_group
            WHERE j.description = @id
            """,
            // Quartz stores fire times as .NET ticks (UTC).
            reader => new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero),
            command => command.Parameters.AddWithValue("id", jobName));

    public Task<long> CountProvisioningIntentsAsync(string? status = null) =>
        ScalarAsync<long>(status is null
            ? $"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.provisioning_intents"
            : $"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.provisioning_intents WHERE status = '{status}'");

    /// <summary>The stored state of each of the outbox dispatcher's triggers, by name (Quartz's own state names).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DispatcherTriggersAsync() =>
        (await RowsAsync(
            $"SELECT trigger_name, trigger_state FROM {VoipProvidersDbContext.Schema}.qrtz_triggers WHERE job_name = 'outbox-dispatch'",
            reader => (Name: reader.GetString(0), State: reader.GetString(1))))
        .ToDictionary(trigger => trigger.Name, trigger => trigger.State);

    /// <summary>The job classes the clustered store keeps, by "group.name" of the job.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StoredJobClassesAsync() =>
        (await RowsAsync(
            $"SELECT job_group || '.' || job_name, job_class_name FROM {VoipProvidersDbContext.Schema}.qrtz_job_details",
            reader => (Key: reader.GetString(0), Class: reader.GetString(1))))
        .ToDictionary(job => job.Key, job => job.Class);

    /// <summary>Runs of the outbox dispatcher going on right now, on any replica.</summary>
    public Task<long> CountRunningDispatchersAsync() =>
        ScalarAsync<long>($"SELECT count(*) FROM {VoipProvidersDbContext.Schema}.qrtz_fired_triggers WHERE job_name = 'outbox-dispatch'");

    /// <summary>
    /// Locks the outbox table until the returned connection is disposed (its transaction then rolls back): a dispatcher
    /// run that starts meanwhile waits at its first read.
    /// </summary>
    public async Task<NpgsqlConnection> LockOutboxAsync()
    {
        var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {Outbox} IN EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>The scheduler's tables (qrtz_*) in the module's schema.</summary>
    public Task<IReadOnlyList<string>> QuartzTablesAsync() =>
        RowsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_name LIKE 'qrtz\\_%' ORDER BY table_name",
            reader => reader.GetString(0),
            command => command.Parameters.AddWithValue("schema", VoipProvidersDbContext.Schema));

    /// <summary>Every stored value of every table in the module's schema, as text.</summary>
    public async Task<string> DumpSchemaAsync()
    {
        var tables = await RowsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE'",
            reader => reader.GetString(0),
            command => command.Parameters.AddWithValue("schema", VoipProvidersDbContext.Schema));
        await using var connection = await OpenAsync();
        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            // Binary columns (the scheduler's job data) are shown as the text they hold, so a secret in them is seen too.
            var columns = new List<string>();
            await using (var columnCommand = new NpgsqlCommand(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table ORDER BY ordinal_position",
                connection))
            {
                columnCommand.Parameters.AddWithValue("schema", VoipProvidersDbContext.Schema);
                columnCommand.Parameters.AddWithValue("table", table);
                await using var reader = await columnCommand.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var name = reader.GetString(0);
                    columns.Add(reader.GetString(1) == "bytea" ? $"encode(\"{name}\", 'escape') AS \"{name}\"" : $"\"{name}\"");
                }
            }

            await using var command = new NpgsqlCommand(
                $"SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM (SELECT {string.Join(", ", columns)} FROM {VoipProvidersDbContext.Schema}.\"{table}\") t",
                connection);
            dump.AppendLine(table).AppendLine((string?)await command.ExecuteScalarAsync());
        }

        return dump.ToString();
    }

    private async Task<IReadOnlyList<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, Action<NpgsqlCommand>? bind = null)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        bind?.Invoke(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<T> ScalarAsync<T>(string sql, object? id = null)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
