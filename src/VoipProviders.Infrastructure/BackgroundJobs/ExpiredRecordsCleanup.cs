using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Deletes commit markers older than a day and Idempotency-Key records past their lifetime, every hour, on one replica
/// at a time. A marker is only ever read within seconds of its commit (when the connection failed during COMMIT), so a
/// day is ample. An expired Idempotency-Key record is ignored by the claim already; this only reclaims its space.
/// </summary>
[RecurringJob("maintenance", "expired-records-cleanup", "expired-records-cleanup-period")]
internal sealed class ExpiredRecordsCleanup(VoipProvidersDbContext dbContext, TimeProvider timeProvider) : IRecurringJob
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public static TimeSpan PeriodFrom(IServiceProvider services) => Period;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var before = now - Retention;
        await dbContext.CommitMarkers.Where(m => m.CommittedAt < before).ExecuteDeleteAsync(cancellationToken);

        var expiredBefore = now - IdempotencyStore.Lifetime;
        await dbContext.IdempotencyRecords.Where(r => r.CreatedAt < expiredBefore).ExecuteDeleteAsync(cancellationToken);
    }
}
