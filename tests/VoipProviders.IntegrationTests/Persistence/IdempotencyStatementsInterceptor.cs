using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Breaks the statements of the Idempotency-Key's records the way a network or a database does: the answer of the next
/// claim is lost after the server executed (and committed) it, or every response stored apart from a transaction — a
/// completion after the create's commit rather than in it — fails. Armed per test; only the host it is registered in is
/// affected.
/// </summary>
public sealed class IdempotencyStatementsInterceptor : DbCommandInterceptor
{
    private const string Table = "voip_providers.idempotency_records";

    private int _loseNextClaimAnswer;
    private int _failResponsesOutsideTransactions;
    private int _broken;

    public int Broken => Volatile.Read(ref _broken);

    /// <summary>Breaks nothing from now on, and counts again from zero.</summary>
    public void Disarm()
    {
        Interlocked.Exchange(ref _loseNextClaimAnswer, 0);
        Interlocked.Exchange(ref _failResponsesOutsideTransactions, 0);
        Interlocked.Exchange(ref _broken, 0);
    }

    /// <summary>The next claim of a key takes effect, but the caller sees a connection reset.</summary>
    public void LoseAnswerOfNextClaim() => Interlocked.Exchange(ref _loseNextClaimAnswer, 1);

    /// <summary>From now on, an UPDATE of a record that is not part of a transaction (a response stored on its own) fails.</summary>
    public void FailResponsesStoredOutsideATransaction() => Interlocked.Exchange(ref _failResponsesOutsideTransactions, 1);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        FailIfAResponseOutsideATransaction(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        FailIfAResponseOutsideATransaction(command);
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("INSERT INTO " + Table, StringComparison.Ordinal)
            && Interlocked.Exchange(ref _loseNextClaimAnswer, 0) == 1)
        {
            Interlocked.Increment(ref _broken);
            await result.DisposeAsync();
            throw ConnectionReset.Exception();
        }

        return result;
    }

    private void FailIfAResponseOutsideATransaction(DbCommand command)
    {
        if (command.Transaction is null
            && command.CommandText.Contains("UPDATE " + Table, StringComparison.Ordinal)
            && Volatile.Read(ref _failResponsesOutsideTransactions) == 1)
        {
            Interlocked.Increment(ref _broken);
            // Not transient: the execution strategy gives up at once.
            throw new NpgsqlException("The database did not take the statement (test).");
        }
    }
}
