using Npgsql;
using VoipProviders.Infrastructure.Persistence.Configurations;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Tells whether a commit whose answer was lost took effect, from its evidence (a commit marker or a stamped row), on a
/// connection of its own: true or false when the database says so, null when it cannot be read or cannot tell.
/// </summary>
internal sealed class CommitOutcomeLookup(string connectionString, TimeProvider timeProvider)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private const int Attempts = 3;

    private static readonly string MarkerSql =
        $"SELECT EXISTS (SELECT 1 FROM {VoipProvidersDbContext.Schema}.{CommitMarkerConfiguration.Table} WHERE id = @id)";

    public Task<bool?> MarkerExistsAsync(Guid commitId, CancellationToken cancellationToken) =>
        ReadAsync(
            MarkerSql,
            command => command.Parameters.AddWithValue("id", commitId),
            static async (reader, token) => await reader.ReadAsync(token) ? reader.GetBoolean(0) : null,
            cancellationToken);

    public Task<bool?> StampedRowCommittedAsync(StampedRow row, CancellationToken cancellationToken) =>
        ReadAsync(
            row.LookupSql,
            command => command.Parameters.AddWithValue("key", row.Key),
            async (reader, token) => await reader.ReadAsync(token)
                ? row.Judge(reader.GetInt64(0), await reader.IsDBNullAsync(1, token) ? null : reader.GetGuid(1))
                : null,
            cancellationToken);

    private async Task<bool?> ReadAsync(
        string sql,
        Action<NpgsqlCommand> bind,
        Func<NpgsqlDataReader, CancellationToken, Task<bool?>> judge,
        CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(budget.Token);
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                await using var reader = await command.ExecuteReaderAsync(budget.Token);
                return await judge(reader, budget.Token);
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
