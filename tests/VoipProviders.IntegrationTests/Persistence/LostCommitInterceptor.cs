using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Breaks the next commits that store a provider the way a network does: the connection "resets" right after the
/// server committed (the answer is lost) or right before the commit leaves (nothing happened). A commit is a COMMIT of
/// an EF Core transaction that wrote to the providers table, or an autocommitted UPDATE of a provider (a change to the
/// provider row alone, ADR-004). Armed per test; only the host it is registered in is affected, and not, say, the
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
    private bool _holdBeforeUpdate;
    private Func<Task>? _meanwhile;
    private TaskCompletionSource? _held;

    public int Broken { get; private set; }

    /// <summary>
    /// The next <paramref name="times"/> commits take effect, but the caller sees a connection reset — after
    /// <paramref name="meanwhile"/> (once, e.g. someone else's change) has run, if given.
    /// </summary>
    public void LoseAnswerOfNextCommits(int times = 1, Func<Task>? meanwhile = null)
    {
        Volatile.Write(ref _meanwhile, meanwhile);
        Interlocked.Exchange(ref _afterCommit, times);
    }

    /// <summary>The next <paramref name="times"/> commits never reach the server; the caller sees a connection reset.</summary>
    public void FailNextCommitsBeforeTheServer(int times = 1) => Interlocked.Exchange(ref _beforeCommit, times);

    /// <summary>Holds the next commit just before COMMIT is sent, until <paramref name="release"/> completes; the result completes once it is held.</summary>
    public Task HoldNextCommit(Task release)
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _holdUntil, release);
        return _held.Task;
    }

    /// <summary>
    /// Holds the next change to a provider before its UPDATE leaves, until <paramref name="release"/> completes — so it
    /// holds no lock meanwhile, even when the change is a transaction (its audit record and events, ADR-015) — and breaks
    /// it right there if armed by <see cref="FailNextCommitsBeforeTheServer"/>: the change never reached the server.
    /// The result completes once it is held.
    /// </summary>
    public Task HoldNextProviderUpdateBeforeItLeaves(Task release)
    {
        Volatile.Write(ref _holdBeforeUpdate, true);
        return HoldNextCommit(release);
    }

    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken)
    {
        Note(command);
        if (IsAutocommittedProviderUpdate(command)
            || (command.Transaction is not null && ProviderStatements.CarriesProviderUpdate(command) && Interlocked.Exchange(ref _holdBeforeUpdate, false)))
        {
            await BeforeCommitAsync();
        }

        return result;
    }

    async ValueTask<DbDataReader> IDbCommandInterceptor.ReaderExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        DbDataReader result,
        CancellationToken cancellationToken)
    {
        if (IsAutocommittedProviderUpdate(command) && Take(ref _afterCommit))
        {
            await result.DisposeAsync();
            await LoseAnswerAsync();
        }

        return result;
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

        await BeforeCommitAsync(() => transaction.RollbackAsync(cancellationToken));
        return result;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        bool storedProvider;
        lock (_gate)
        {
            storedProvider = _committingProviders.Remove(transaction);
        }

        if (storedProvider && Take(ref _afterCommit))
        {
            await LoseAnswerAsync();
        }
    }

    private async Task LoseAnswerAsync()
    {
        if (Interlocked.Exchange(ref _meanwhile, null) is { } meanwhile)
        {
            await meanwhile();
        }

        throw ConnectionReset.Exception();
    }

    /// <summary>Holds the commit if armed to, then fails it before it leaves if armed to (after <paramref name="undo"/>).</summary>
    private async Task BeforeCommitAsync(Func<Task>? undo = null)
    {
        if (Interlocked.Exchange(ref _holdUntil, null) is { } release)
        {
            _held!.TrySetResult();
            await release;
        }

        if (Take(ref _beforeCommit))
        {
            if (undo is not null)
            {
                await undo();
            }

            throw ConnectionReset.Exception();
        }
    }

    private static bool IsAutocommittedProviderUpdate(DbCommand command) =>
        command.Transaction is null && ProviderStatements.UpdatesProvider(command);

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
