using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Has <paramref name="link"/> lose the answer of the next COMMIT of a transaction that writes a provider (a connect's
/// INSERT, a delete's DELETE): armed per test, it arms the link just before EF Core sends that COMMIT, so that nothing
/// else (a connect's provisioning intent, committed first) is affected.
/// </summary>
public sealed class ProviderCommitAnswerLoss(CommitAnswerLosingLink link) : DbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly Lock _gate = new();
    private readonly HashSet<DbTransaction> _writingProviders = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource<Task> _linkArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _providerWrites;

    /// <summary>Completes once the COMMIT has reached the server and its client's connection was reset.</summary>
    public Task Lost => _linkArmed.Task.Unwrap();

    /// <summary>How many statements that insert or delete a provider this host sent: more than one for one change is a save sent again.</summary>
    public int ProviderWrites => Volatile.Read(ref _providerWrites);

    public void LoseAnswerOfNextProviderCommit() => Interlocked.Exchange(ref _armed, 1);

    ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Forget(transaction) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _linkArmed.TrySetResult(link.LoseAnswerOfNextCommit());
        }

        return ValueTask.FromResult(result);
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Npgsql reuses a connection's transaction object: forget it, or the next transaction would look marked.
        Forget(transaction);
        return Task.CompletedTask;
    }

    private void Note(DbCommand command)
    {
        if (command.Transaction is { } transaction
            && (ProviderStatements.InsertsProvider(command) || ProviderStatements.DeletesProvider(command)))
        {
            Interlocked.Increment(ref _providerWrites);
            lock (_gate)
            {
                _writingProviders.Add(transaction);
            }
        }
    }

    private bool Forget(DbTransaction transaction)
    {
        lock (_gate)
        {
            return _writingProviders.Remove(transaction);
        }
    }
}
