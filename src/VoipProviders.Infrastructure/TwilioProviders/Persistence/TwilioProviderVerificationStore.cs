using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Infrastructure.Events;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IProviderVerificationStore"/> of Twilio providers as single SQL statements: a lease is a row of
/// <c>provider_verification_leases</c> taken with a conditional upsert; a result is written only under the version it
/// was checked at; the sweep claims with <c>FOR NO KEY UPDATE SKIP LOCKED</c>, so replicas never claim the same
/// provider and user updates of other providers never wait for it.
/// </summary>
internal sealed class TwilioProviderVerificationStore(
    VoipProvidersDbContext dbContext,
    IntegrationEventSignal eventSignal,
    IOutboxNotifier outbox,
    TimeProvider timeProvider) : IProviderVerificationStore
{
    public ProviderType Type => TwilioProviderKind.Type;

    public async Task<IVerifiableProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        await dbContext.Set<TwilioProvider>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public async Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await dbContext.Set<TwilioProvider>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, cancellationToken);

    public async Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        // Taken when there is no lease or only an expired one (its run died). The provider must still exist. A lease
        // already held by this run is its own, taken by an attempt whose answer was lost (the execution strategy sends
        // the statement again).
        var started = await dbContext.Database.SqlQuery<Guid>($"""
            INSERT INTO voip_providers.provider_verification_leases (provider_id, run_id, lease_until)
            SELECT p.id, {runId}, {leaseUntil} FROM voip_providers.twilio_providers p WHERE p.id = {providerId.Value}
            ON CONFLICT (provider_id) DO UPDATE SET run_id = excluded.run_id, lease_until = excluded.lease_until
                WHERE provider_verification_leases.lease_until < {now} OR provider_verification_leases.run_id = {runId}
            RETURNING provider_id AS "Value"
            """).ToListAsync(cancellationToken);
        return started.Count == 1;
    }

    public async Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var (id, version) = (provider.Id, provider.Version);
        var (status, checks, lastVerifiedAt, next) = (provider.VerificationStatus, provider.VerificationChecks, provider.LastVerifiedAt, provider.NextVerificationAt);
        Task<int> WriteAsync(CancellationToken token) => dbContext.Set<TwilioProvider>()
            .Where(p => p.Id == id && p.Version == version)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(p => p.VerificationStatus, status)
                    .SetProperty(p => p.VerificationChecks, checks)
                    .SetProperty(p => p.LastVerifiedAt, lastVerifiedAt)
                    .SetProperty(p => p.NextVerificationAt, next),
                token);

        // A status change added its event and audit record (see ProviderVerifier): they commit with the result or not at all.
        var recorded = dbContext.ChangeTracker.Entries().Where(entry => entry.State == EntityState.Added).ToList();
        bool stored;
        if (recorded.Count == 0)
        {
            stored = await WriteAsync(cancellationToken) == 1;
        }
        else
        {
            // The commit's evidence (ADR-004): sent again after a lost answer, a transaction that took effect would store
            // its event twice — or fail on it — so a failure is judged by the marker before anything is tried again.
            var now = timeProvider.GetUtcNow();
            var marker = new CommitMarker { Id = Guid.CreateVersion7(now), CommittedAt = now };
            dbContext.Add(marker);
            var lookup = new CommitOutcomeLookup(dbContext.Database.GetConnectionString()!, timeProvider);
            try
            {
                stored = await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(
                    marker.Id,
                    async (context, _, token) =>
                    {
                        // The event first: it locks the provider's event counter before the provider's row, in the order
                        // every unit of work's commit takes them (EF Core inserts integration_events before it updates
                        // twilio_providers), so a rename and a verification of one provider never deadlock.
                        await using var transaction = await context.Database.BeginTransactionAsync(token);
                        await context.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                        if (await WriteAsync(token) != 1)
                        {
                            await transaction.RollbackAsync(token);
                            return false;
                        }

                        await transaction.CommitAsync(token);
                        return true;
                    },
                    async (_, commitId, token) => await lookup.MarkerExistsAsync(commitId, token) switch
                    {
                        true => new ExecutionResult<bool>(successful: true, result: true),
                        false => new ExecutionResult<bool>(successful: false, result: false),
                        null => throw new InvalidOperationException("Whether the verification result was stored cannot be read."),
                    },
                    cancellationToken);
                if (stored)
                {
                    dbContext.ChangeTracker.AcceptAllChanges();
                }
            }
            finally
            {
                dbContext.Entry(marker).State = EntityState.Detached;
            }

            if (stored && recorded.Any(entry => entry.Entity is IntegrationEventDelivery))
            {
                eventSignal.Notify();
            }

            if (stored && recorded.Any(entry => entry.Entity is OutboxJob))
            {
                // A job queued with the result (an automatic repair) starts now, not at the next outbox poll.
                await outbox.NotifyAsync();
            }

            if (!stored)
            {
                recorded.ForEach(entry => entry.State = EntityState.Detached);
            }
        }

        await EndAsync(id, runId, cancellationToken);
        return stored;
    }

    public async Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken)
    {
        if (nextVerificationAt is { } next)
        {
            await dbContext.Set<TwilioProvider>()
                .Where(p => p.Id == providerId)
                .ExecuteUpdateAsync(setters => setters.SetProperty(p => p.NextVerificationAt, next), cancellationToken);
        }

        await EndAsync(providerId, runId, cancellationToken);
    }

    public Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        dbContext.Set<VerificationLease>().AnyAsync(l => l.ProviderId == providerId && l.LeaseUntil > now, cancellationToken);

    public async Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // SKIP LOCKED: a replica claiming at the same moment passes over the providers this statement holds instead
        // of waiting for them. A lease committed in between is respected by the upsert's condition. Leases this run
        // holds already were taken by an attempt whose answer was lost (the execution strategy sends the statement
        // again): they are the claim, and nothing more is taken.
        var claimed = await dbContext.Database.SqlQuery<Guid>($"""
            WITH mine AS (
                SELECT l.provider_id FROM voip_providers.provider_verification_leases l WHERE l.run_id = {runId}),
            due AS (
                SELECT p.id FROM voip_providers.twilio_providers p
                WHERE NOT EXISTS (SELECT 1 FROM mine)
                  AND p.next_verification_at <= {now}
                  AND NOT EXISTS (
                      SELECT 1 FROM voip_providers.provider_verification_leases l
                      WHERE l.provider_id = p.id AND l.lease_until >= {now})
                ORDER BY p.next_verification_at
                LIMIT {limit}
                FOR NO KEY UPDATE OF p SKIP LOCKED),
            claimed AS (
            INSERT INTO voip_providers.provider_verification_leases (provider_id, run_id, lease_until)
            SELECT id, {runId}, {leaseUntil} FROM due
            ON CONFLICT (provider_id) DO UPDATE SET run_id = excluded.run_id, lease_until = excluded.lease_until
                WHERE provider_verification_leases.lease_until < {now}
            RETURNING provider_id
            )
            SELECT provider_id AS "Value" FROM claimed
            UNION ALL
            SELECT provider_id FROM mine
            """).ToListAsync(cancellationToken);
        return [.. claimed.Select(ProviderId.From)];
    }

    /// <summary>Ends the run's own lease; one that expired and was taken by another run since is left alone.</summary>
    private Task EndAsync(ProviderId providerId, Guid runId, CancellationToken cancellationToken) =>
        dbContext.Set<VerificationLease>().Where(l => l.ProviderId == providerId && l.RunId == runId).ExecuteDeleteAsync(cancellationToken);
}
