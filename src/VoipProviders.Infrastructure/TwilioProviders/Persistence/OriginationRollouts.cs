using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IOriginationRollouts"/> on <c>twilio_providers</c> (the lease is a column the domain does not see) and
/// <c>origination_settings_revisions</c>. Leases and revisions are conditional statements committed at once.
/// </summary>
internal sealed class OriginationRollouts(VoipProvidersDbContext dbContext) : IOriginationRollouts
{
    public const string LeaseColumn = TwilioProviderConfiguration.OriginationLeaseProperty;

    public const string LeaseIdColumn = TwilioProviderConfiguration.OriginationLeaseIdProperty;

    public async Task<IReadOnlyList<ProviderId>> FindStaleAsync(
        string plainRevision,
        string secureRevision,
        DateTimeOffset now,
        int max,
        CancellationToken cancellationToken) =>
        await dbContext.Set<TwilioProvider>().AsNoTracking()
            .Where(p => p.OriginationRevision == null
                || (!p.SecureTrunking && p.OriginationRevision != plainRevision)
                || (p.SecureTrunking && p.OriginationRevision != secureRevision))
            .Where(p => EF.Property<DateTimeOffset?>(p, LeaseColumn) == null || EF.Property<DateTimeOffset?>(p, LeaseColumn) < now)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => p.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

    public async Task<bool> TryLeaseAsync(ProviderId providerId, Guid leaseId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // Free, expired, or already this lease: the execution strategy sends the UPDATE again after a lost answer, and
        // the attempt whose answer was lost must not keep its own job out for the lease's length.
        DateTimeOffset? end = Timestamps.Normalize(until);
        Guid? holder = leaseId;
        return await dbContext.Set<TwilioProvider>()
            .Where(p => p.Id == providerId)
            .Where(p => EF.Property<DateTimeOffset?>(p, LeaseColumn) == null
                || EF.Property<DateTimeOffset?>(p, LeaseColumn) < now
                || EF.Property<Guid?>(p, LeaseIdColumn) == holder)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => EF.Property<DateTimeOffset?>(p, LeaseColumn), end)
                    .SetProperty(p => EF.Property<Guid?>(p, LeaseIdColumn), holder),
                cancellationToken) == 1;
    }

    public Task ReleaseAsync(ProviderId providerId, Guid leaseId, CancellationToken cancellationToken)
    {
        // Only this lease: sent again after a lost answer, a release must not end a lease another took in between.
        Guid? holder = leaseId;
        return dbContext.Set<TwilioProvider>()
            .Where(p => p.Id == providerId && EF.Property<Guid?>(p, LeaseIdColumn) == holder)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => EF.Property<DateTimeOffset?>(p, LeaseColumn), (DateTimeOffset?)null)
                    .SetProperty(p => EF.Property<Guid?>(p, LeaseIdColumn), (Guid?)null),
                cancellationToken);
    }

    public async Task<string> RecordSettingsAsync(string revision, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        // Record this replica's start (never moving a revision's time back), then read the newest (at least this one).
        await dbContext.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO voip_providers.origination_settings_revisions (revision, last_started_at) VALUES ({revision}, {startedAt})
            ON CONFLICT (revision) DO UPDATE SET last_started_at = GREATEST(origination_settings_revisions.last_started_at, EXCLUDED.last_started_at)
            """,
            cancellationToken);
        return await dbContext.Set<OriginationSettingsRevision>().AsNoTracking()
            .OrderByDescending(r => r.LastStartedAt).ThenBy(r => r.Revision)
            .Select(r => r.Revision)
            .FirstAsync(cancellationToken);
    }
}
