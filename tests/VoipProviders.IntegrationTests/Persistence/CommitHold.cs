using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Keeps every COMMIT of a transaction that inserts or deletes a provider running on the server until released: a
/// deferred constraint trigger (it runs inside COMMIT, before the transaction becomes visible) waits for an advisory
/// lock this hold keeps. A slow COMMIT — a synchronous replica, a loaded disk — that a test can end when it chooses.
/// Dispose it to release the lock and drop the trigger.
/// </summary>
public sealed class CommitHold : IAsyncDisposable
{
    private const long LockKey = 22_0002;
    private static readonly string Schema = VoipProvidersDbContext.Schema;

    private readonly NpgsqlConnection _connection;
    private bool _held;

    private CommitHold(NpgsqlConnection connection) => _connection = connection;

    public static async Task<CommitHold> PlaceAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var hold = new CommitHold(connection);
        await hold.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION {Schema}.test_commit_hold() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock_shared({LockKey});
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS test_commit_hold ON {Schema}.twilio_providers;
            CREATE CONSTRAINT TRIGGER test_commit_hold AFTER INSERT OR DELETE ON {Schema}.twilio_providers
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {Schema}.test_commit_hold();
            SELECT pg_advisory_lock({LockKey});
            """);
        hold._held = true;
        return hold;
    }

    /// <summary>
    /// Once <paramref name="lost"/> has completed (the COMMIT's answer was lost; <paramref name="request"/> must not have
    /// ended first), waits until a session waits for the held COMMIT's transaction — whoever asks what became of it in a
    /// way that waits for it, or sends the same change again — and lets the COMMIT finish.
    /// </summary>
    public async Task ReleaseOnceTheCommitIsWaitedForAsync(Task lost, Task request)
    {
        if (await Task.WhenAny(lost, request).WaitAsync(TimeSpan.FromSeconds(30)) != lost)
        {
            throw new Xunit.Sdk.XunitException("The request ended before its COMMIT's answer was lost.");
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await TransactionWaitedForAsync(budget.Token))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), budget.Token);
        }

        await ReleaseAsync();
    }

    private async Task<bool> TransactionWaitedForAsync(CancellationToken cancellationToken)
    {
        // Someone waits for the transaction of a session that waits, inside its COMMIT, for this hold's lock.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT EXISTS (
                SELECT 1 FROM pg_locks waiter
                JOIN pg_locks holder ON holder.locktype = 'transactionid' AND holder.granted AND holder.transactionid = waiter.transactionid
                JOIN pg_locks held ON held.pid = holder.pid AND held.locktype = 'advisory' AND NOT held.granted
                    AND held.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND held.classid = 0 AND held.objid = {LockKey}
                WHERE waiter.locktype = 'transactionid' AND NOT waiter.granted)
            """,
            _connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ReleaseAsync()
    {
        if (_held)
        {
            _held = false;
            await ExecuteAsync($"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
            await ExecuteAsync($"""
                DROP TRIGGER IF EXISTS test_commit_hold ON {Schema}.twilio_providers;
                DROP FUNCTION IF EXISTS {Schema}.test_commit_hold();
                """);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
