using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Breaks the next commits that store a provider the way a network does: the connection "resets" right after the
/// server committed (the answer is lost) or right before COMMIT leaves (nothing happened). Armed per test; only EF Core
/// transactions of the host it is registered in that wrote to the providers table are affected — not, say, the
/// provisioning intent a connect commits before its Twilio creates.
/// </summary>
public sealed class LostCommitInterceptor : DbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly Lock _gate = new();
    private readonly HashSet<DbTransaction> _storingProviders = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<DbTransaction> _committingProviders = new(ReferenceEqualityComparer.Instance);
    private int _afterCommit;
    private int _beforeCommit;
    private Task? _holdUntil;
    private TaskCompletionSource? _held;

    public int Broken { get; private set; }

    /// <summary>The next <paramref name="times"/> commits take effect, but the caller sees a connection reset.</summary>
    public void LoseAnswerOfNextCommits(int times = 1) => Interlocked.Exchange(ref _afterCommit, times);

    /// <summary>The next <paramref name="times"/> commits never reach the server; the caller sees a connection reset.</summary>
    public void FailNextCommitsBeforeTheServer(int times = 1) => Interlocked.Exchange(ref _beforeCommit, times);

    /// <summary>Holds the next commit just before COMMIT is sent, until <paramref name="release"/> completes; the result completes once it is held.</summary>
    public Task HoldNextCommit(Task release)
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _holdUntil, release);
        return _held.Task;
    }

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

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Npgsql reuses a connection's transaction object: forget it, or the next transaction would look marked.
        StoresProvider(transaction, forget: true);
        return Task.CompletedTask;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (!StoresProvider(transaction, forget: true))
        {
            return result;
        }

        lock (_gate)
        {
            _committingProviders.Add(transaction);
        }

        if (Interlocked.Exchange(ref _holdUntil, null) is { } release)
        {
            _held!.TrySetResult();
            await release;
        }

        if (Take(ref _beforeCommit))
        {
            await transaction.RollbackAsync(cancellationToken);
            throw ConnectionReset.Exception();
        }

        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        bool storedProvider;
        lock (_gate)
        {
            storedProvider = _committingProviders.Remove(transaction);
        }

        return storedProvider && Take(ref _afterCommit) ? throw ConnectionReset.Exception() : Task.CompletedTask;
    }

    private void Note(DbCommand command)
    {
        if (command.Transaction is { } transaction && ProviderStatements.TouchesProviders(command))
        {
            lock (_gate)
            {
                _storingProviders.Add(transaction);
            }
        }
    }

    private bool StoresProvider(DbTransaction transaction, bool forget)
    {
        lock (_gate)
        {
            return forget ? _storingProviders.Remove(transaction) : _storingProviders.Contains(transaction);
        }
    }

    private bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                Broken++;
                return true;
            }
        }
    }
}
