using Npgsql;
using VoipProviders.Infrastructure.Persistence.Configurations;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Tells whether a commit whose answer was lost took effect, from its evidence (a commit marker or a stamped row), on a
/// connection of its own: true or false when the database says so, null when it cannot be read or cannot tell. Exact:
/// a transaction the server is still running (a COMMIT whose answer was lost on its way, a transaction whose client is
/// gone) is waited for — within the look-up's budget, else null — and judged by its outcome, never by a snapshot taken
/// before it ended.
/// </summary>
internal sealed class CommitOutcomeLookup(string connectionString, TimeProvider timeProvider)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private const int Attempts = 3;

    // The marker is inserted again in a transaction that is then rolled back: an insert that meets an uncommitted row
    // with its key waits for that row's transaction to end (PostgreSQL's unique check), then conflicts if it committed
    // or goes in if it did not. A plain SELECT would see a marker whose COMMIT is still running as absent.
    private static readonly string MarkerFenceSql = $"""
        INSERT INTO {VoipProvidersDbContext.Schema}.{CommitMarkerConfiguration.Table} (id, committed_at) VALUES (@id, now())
        ON CONFLICT (id) DO NOTHING
        RETURNING 1
        """;

    /// <summary>
    /// Whether the unit of work <paramref name="commitId"/> committed its marker (so its changes): waits for a
    /// transaction that still holds the marker.
    /// </summary>
    public Task<bool?> MarkerExistsAsync(Guid commitId, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using var command = new NpgsqlCommand(MarkerFenceSql, connection, transaction);
                command.Parameters.AddWithValue("id", commitId);
                var inserted = await command.ExecuteScalarAsync(token) is not null;
                await transaction.RollbackAsync(token);
                return !inserted;
            },
            cancellationToken);

    /// <summary>Whether the commit that stamped <paramref name="row"/> took effect: waits for a writer that still holds the row.</summary>
    public Task<bool?> StampedRowCommittedAsync(StampedRow row, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(row.LookupSql, connection);
                command.Parameters.AddWithValue("key", row.Key);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? row.Judge(reader.GetInt64(0), await reader.IsDBNullAsync(1, token) ? null : reader.GetGuid(1))
                    : null;
            },
            cancellationToken);

    private async Task<bool?> ReadAsync(Func<NpgsqlConnection, CancellationToken, Task<bool?>> judge, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(budget.Token);
                return await judge(connection, budget.Token);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                if (budget.IsCancellationRequested || attempt == Attempts)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), timeProvider, CancellationToken.None);
            }
        }

        return null;
    }
}
