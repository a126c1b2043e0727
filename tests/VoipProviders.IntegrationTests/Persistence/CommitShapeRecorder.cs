using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Records, while armed, the statements that write to the providers table and the transactions EF Core starts: the
/// shape in which a command commits.
/// </summary>
public sealed class CommitShapeRecorder : DbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly Lock _gate = new();
    private readonly List<(string Sql, bool InTransaction)> _statements = [];
    private int _transactionsStarted;
    private volatile bool _armed;

    public void Start() => _armed = true;

    /// <summary>Every statement sent while armed, but the reads: the text and whether it ran inside a transaction.</summary>
    public IReadOnlyList<(string Sql, bool InTransaction)> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _statements];
            }
        }
    }

    public int TransactionsStarted => Volatile.Read(ref _transactionsStarted);

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection,
        TransactionEndEventData eventData,
        DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (_armed)
        {
            Interlocked.Increment(ref _transactionsStarted);
        }

        return ValueTask.FromResult(result);
    }

    ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (_armed && !command.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                _statements.Add((command.CommandText, command.Transaction is not null));
            }
        }
    }
}
