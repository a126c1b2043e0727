using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Deletes commit markers and Idempotency-Key records older than a day, every hour, on one replica at a time. A marker is only ever read within
/// seconds of its commit (when the connection failed during COMMIT), so a day is ample.
/// </summary>
[RecurringJob("maintenance", "expired-records-cleanup", "expired-records-cleanup-period")]
internal sealed class ExpiredRecordsCleanup(VoipProvidersDbContext dbContext, TimeProvider timeProvider) : IRecurringJob
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public static TimeSpan PeriodFrom(IServiceProvider services) => Period;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = timeProvider.GetUtcNow() - Retention;
        await dbContext.CommitMarkers.Where(m => m.CommittedAt < before).ExecuteDeleteAsync(cancellationToken);

        // Idempotency keys are honoured for a day, like the markers.
        await dbContext.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
