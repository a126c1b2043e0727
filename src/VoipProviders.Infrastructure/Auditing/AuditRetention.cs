using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>Deletes audit records older than <see cref="AuditOptions.RetentionDays"/>, every hour, on one replica at a time.</summary>
[RecurringJob("maintenance", "audit-retention", "audit-retention-period")]
internal sealed class AuditRetention(VoipProvidersDbContext dbContext, IOptions<AuditOptions> options, TimeProvider timeProvider) : IRecurringJob
{
    public static TimeSpan PeriodFrom(IServiceProvider services) => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Ids are version 7 UUIDs made from occurredAt: the oldest records are the lowest ids, deleted through the key.
        var before = VersionSevenIds.Floor(timeProvider.GetUtcNow().AddDays(-options.Value.RetentionDays));
        await dbContext.Set<AuditRecord>().Where(r => r.Id < before).ExecuteDeleteAsync(cancellationToken);
    }
}
