using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Makes the next matching statement arrive late: the caller sees a connection reset before anything ran (so the unit
/// of work's evidence truthfully says "not committed" and the execution strategy sends the save again), and the server
/// runs the first statement only just before that second attempt, on a connection of its own, committing it. The second
/// attempt then conflicts with its own first one: only evidence read after the conflict tells it from another writer's.
/// </summary>
public sealed class LateStatementInterceptor(string connectionString) : DbCommandInterceptor
{
    private Func<DbCommand, bool>? _matches;
    private NpgsqlCommand? _late;
    private int _delivered;

    /// <summary>How many late statements reached the server.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Delays the next statement <paramref name="matches"/> accepts until the one after it.</summary>
    public void DelayNext(Func<DbCommand, bool> matches) => Volatile.Write(ref _matches, matches);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await OnExecutingAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await OnExecutingAsync(command, cancellationToken);
        return result;
    }

    private async Task OnExecutingAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _matches) is not { } matches || !matches(command))
        {
            return;
        }

        if (Interlocked.Exchange(ref _late, null) is { } late)
        {
            // The second attempt: the first reaches the server now, and commits, just before it.
            _matches = null;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            late.Connection = connection;
            late.Transaction = transaction;
            await using (late)
            {
                await late.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Interlocked.Increment(ref _delivered);
            return;
        }

        var copy = new NpgsqlCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        Volatile.Write(ref _late, copy);
        throw ConnectionReset.Exception();
    }
}
