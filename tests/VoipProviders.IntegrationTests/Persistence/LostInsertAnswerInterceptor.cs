using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Loses the answer of the next statement that inserts a provider: the server has executed it (and, without an
/// explicit transaction, committed it), but the caller sees a connection reset — the case where replaying the save
/// answers 409 for a provider that exists and deletes its trunk.
/// </summary>
public sealed class LostInsertAnswerInterceptor : DbCommandInterceptor
{
    private int _armed;

    public int Broken { get; private set; }

    public void LoseAnswerOfNextProviderInsert() => Interlocked.Exchange(ref _armed, 1);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (TakeFor(command))
        {
            await result.DisposeAsync();
            throw ConnectionReset.Exception();
        }

        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        int result,
        CancellationToken cancellationToken = default) =>
        TakeFor(command) ? throw ConnectionReset.Exception() : ValueTask.FromResult(result);

    /// <summary>Whether this is the provider INSERT whose answer is to be lost (once).</summary>
    private bool TakeFor(DbCommand command)
    {
        if (!ProviderStatements.InsertsProvider(command)
            || Interlocked.Exchange(ref _armed, 0) != 1)
        {
            return false;
        }

        Broken++;
        return true;
    }
}
