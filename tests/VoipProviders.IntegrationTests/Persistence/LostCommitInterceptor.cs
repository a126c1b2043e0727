using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Breaks the next commits the way a network does: the connection "resets" right after the server committed (the
/// answer is lost) or right before COMMIT leaves (nothing happened). Armed per test; only EF Core transactions of the
/// host it is registered in are affected.
/// </summary>
public sealed class LostCommitInterceptor : DbTransactionInterceptor
{
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

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _holdUntil, null) is { } release)
        {
            _held!.TrySetResult();
            await release;
        }

        if (Take(ref _beforeCommit))
        {
            await transaction.RollbackAsync(cancellationToken);
            throw Reset();
        }

        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Take(ref _afterCommit) ? throw Reset() : Task.CompletedTask;

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

    /// <summary>What Npgsql throws when the socket dies: transient, so the execution strategy considers a retry.</summary>
    private static NpgsqlException Reset() => new("Exception while reading from stream", new IOException("Connection reset by peer"));
}
