using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Holds the next statement that inserts a provider until <see cref="Release"/>: a connect that has built its trunk and
/// is about to commit, paused for as long as a test needs (a stalled process, a long GC pause, a slow database).
/// </summary>
public sealed class HeldProviderInsertInterceptor : DbCommandInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Completes when the insert is being held.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await HoldAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await HoldAsync(command);
        return result;
    }

    private async Task HoldAsync(DbCommand command)
    {
        if (!ProviderStatements.InsertsProvider(command)
            || Interlocked.Exchange(ref _held, 1) != 0)
        {
            return;
        }

        _reached.TrySetResult();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
