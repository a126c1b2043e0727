using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Npgsql's retrying strategy (a few quick retries of transient failures), except that it does not count as retrying
/// for the work it is running itself. EF Core decides whether a query buffers its whole result when it compiles the
/// query, by asking the running strategy whether it retries; the stock strategy says yes even while it runs the
/// operation, so every query buffered — including those inside <see cref="StreamingWithRetries"/>, where a failure
/// already retries the whole read. Outside an operation nothing changes: queries and saves run by EF Core on their own
/// buffer and retry as before, and a user transaction opened outside the strategy is still refused.
/// </summary>
internal sealed class StreamingRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, RetryCount, RetryDelayCap, errorCodesToAdd: null)
{
    // A request waiting on a database that is down should hear 503 database_unavailable within seconds, not after
    // Npgsql's default of six retries over ~90 s.
    private const int RetryCount = 3;
    private static readonly TimeSpan RetryDelayCap = TimeSpan.FromSeconds(2);

    public override bool RetriesOnFailure => Current is null && base.RetriesOnFailure;
}
