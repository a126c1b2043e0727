using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Loses the answer of the next statement that matches: the server has executed it (and, outside a transaction,
/// committed it), but the caller sees a connection reset — a transient failure, so EF Core's execution strategy sends
/// the statement again. Armed per test; only the host it is registered in is affected.
/// </summary>
public sealed class LostStatementAnswerInterceptor : DbCommandInterceptor
{
    private Func<DbCommand, bool>? _matches;
    private int _broken;

    /// <summary>How many answers were lost.</summary>
    public int Broken => Volatile.Read(ref _broken);

    /// <summary>Loses the answer of the next statement whose text contains <paramref name="sql"/>.</summary>
    public void LoseAnswerOfNext(string sql) =>
        LoseAnswerOfNext(command => command.CommandText.Contains(sql, StringComparison.Ordinal));

    /// <summary>Loses the answer of the next statement <paramref name="matches"/> accepts.</summary>
    public void LoseAnswerOfNext(Func<DbCommand, bool> matches) => Volatile.Write(ref _matches, matches);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (Take(command))
        {
            // Read to the end, so that the statement has run to completion (and committed) before the answer is lost.
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
        Take(command) ? throw ConnectionReset.Exception() : ValueTask.FromResult(result);

    private bool Take(DbCommand command)
    {
        if (Volatile.Read(ref _matches) is not { } matches || !matches(command) || Interlocked.Exchange(ref _matches, null) is null)
        {
            return false;
        }

        Interlocked.Increment(ref _broken);
        return true;
    }
}
