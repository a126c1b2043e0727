using Microsoft.EntityFrameworkCore;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Runs a read inside the execution strategy instead of under it. A retrying strategy makes EF Core buffer every
/// query's whole result before handing out the first row (so that a failure half-way can be retried); inside the
/// strategy's own <c>ExecuteAsync</c> the nested query streams (<see cref="StreamingRetryingExecutionStrategy"/>), and a
/// transient failure retries the whole read instead. Same retries, no copy of the rows — for the hot read paths. A
/// compiled query decides once, when it first runs, so a compiled query used here is used nowhere else.
/// </summary>
internal static class StreamingWithRetries
{
    public static Task<TResult> StreamingWithRetriesAsync<TResult>(
        this DbContext dbContext,
        Func<CancellationToken, Task<TResult>> read,
        CancellationToken cancellationToken) =>
        dbContext.Database.CreateExecutionStrategy().ExecuteAsync(read, cancellationToken);
}
