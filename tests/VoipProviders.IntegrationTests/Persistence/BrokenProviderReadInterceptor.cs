using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>Fails the next reads of the providers table the way a network does (a connection reset, which is transient).</summary>
public sealed class BrokenProviderReadInterceptor : DbCommandInterceptor
{
    private int _armed;
    private int _toBreak;
    private int _broken;
    private int _reads;

    public int Broken => Volatile.Read(ref _broken);

    /// <summary>Reads of the providers table seen since the first break was armed.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public void BreakNextReads(int times)
    {
        Interlocked.Exchange(ref _toBreak, times);
        Interlocked.Exchange(ref _armed, 1);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) == 0 || !ProviderStatements.ReadsProviders(command))
        {
            return ValueTask.FromResult(result);
        }

        Interlocked.Increment(ref _reads);
        if (Interlocked.Decrement(ref _toBreak) >= 0)
        {
            Interlocked.Increment(ref _broken);
            throw ConnectionReset.Exception();
        }

        return ValueTask.FromResult(result);
    }
}
