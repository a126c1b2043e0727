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
        var before = timeProvider.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await dbContext.Set<AuditRecord>().Where(r => r.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
