using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

/// <summary>
/// <see cref="IPhoneNumberImports"/> on <c>phone_number_imports</c> and <c>phone_number_import_claims</c>. Claiming and
/// forgetting run in units of work of their own (fresh DI scopes): they must commit whatever becomes of the import's own.
/// </summary>
internal sealed class PhoneNumberImports(VoipProvidersDbContext dbContext, IServiceScopeFactory scopes, TimeProvider timeProvider) : IPhoneNumberImports
{
    /// <summary>How often a claim is tried again after another import claimed one of its numbers at the same moment.</summary>
    private const int ClaimAttempts = 3;

    public async Task<IReadOnlyDictionary<string, PhoneNumberHolder>> FindHoldersAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, PhoneNumberHolder>(StringComparer.Ordinal);
        if (phoneNumberSids.Count == 0)
        {
            return holders;
        }

        foreach (var number in await dbContext.Set<ImportedPhoneNumber>().AsNoTracking()
            .Where(n => phoneNumberSids.Contains(n.PhoneNumberSid))
            .Select(n => new { n.PhoneNumberSid, n.ProviderId })
            .ToListAsync(cancellationToken))
        {
            holders[number.PhoneNumberSid] = new PhoneNumberHolder(number.ProviderId, Committed: true);
        }

        if (holders.Count == phoneNumberSids.Count)
        {
            return holders;
        }

        foreach (var claim in await dbContext.Set<PhoneNumberImportClaim>().AsNoTracking()
            .Where(c => phoneNumberSids.Contains(c.PhoneNumberSid))
            .Join(dbContext.Set<PhoneNumberImport>(), c => c.ImportId, i => i.Id, (c, i) => new { c.PhoneNumberSid, i.ProviderId })
            .ToListAsync(cancellationToken))
        {
            holders.TryAdd(claim.PhoneNumberSid, new PhoneNumberHolder(claim.ProviderId, Committed: false));
        }

        return holders;
    }

    public async Task<IReadOnlyDictionary<string, PhoneNumberHolder>> ClaimAsync(
        PhoneNumberImport import,
        IReadOnlyList<PhoneNumberImportClaim> claims,
        DateTimeOffset reconcileAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(claims);
        var sids = claims.Select(c => c.PhoneNumberSid).ToList();
        for (var attempt = 1; ; attempt++)
        {
            // The caller found nobody holding them a moment ago; after a lost race, look again.
            var held = attempt == 1
                ? new Dictionary<string, PhoneNumberHolder>(StringComparer.Ordinal)
                : new Dictionary<string, PhoneNumberHolder>(await FindHoldersAsync(sids, cancellationToken), StringComparer.Ordinal);
            var free = claims.Where(c => !held.ContainsKey(c.PhoneNumberSid)).ToList();
            if (free.Count == 0)
            {
                return held;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
                context.Set<PhoneNumberImport>().Add(import);
                context.Set<PhoneNumberImportClaim>().AddRange(free);
                scope.ServiceProvider.GetRequiredService<IBackgroundJobQueue>().Enqueue(new ReconcilePhoneNumberImportCommand(import.Id), reconcileAt);
                await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
            }
            catch (ConflictException conflict) when (conflict.Code == PhoneNumberConflicts.ImportedConcurrentlyCode && attempt < ClaimAttempts)
            {
                // Another import claimed one of these numbers at the same moment: nothing was committed; look again.
                continue;
            }

            // A number whose import committed between the look and the claim (its claim was gone, its record not yet
            // seen): claimed now, but held by that import all the same.
            var claimed = free.Select(c => c.PhoneNumberSid).ToList();
            foreach (var number in await dbContext.Set<ImportedPhoneNumber>().AsNoTracking()
                .Where(n => claimed.Contains(n.PhoneNumberSid))
                .Select(n => new { n.PhoneNumberSid, n.ProviderId })
                .ToListAsync(cancellationToken))
            {
                held[number.PhoneNumberSid] = new PhoneNumberHolder(number.ProviderId, Committed: true);
            }

            return held;
        }
    }

    public void Complete(PhoneNumberImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.Status != PhoneNumberImportStatus.Pending)
        {
            throw new InvalidOperationException($"Phone number import {import.Id} is {import.Status}, not pending.");
        }

        // Recorded through another context: attached here as deleted, its DELETE carries "AND status = 'pending'"; the
        // database deletes its claims with it.
        dbContext.Set<PhoneNumberImport>().Remove(import);
    }

    public async Task ForgetAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Set<PhoneNumberImport>()
            .Where(i => i.Id == importId && i.Status == PhoneNumberImportStatus.Pending)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<PhoneNumberImport?> FindAsync(Guid importId, CancellationToken cancellationToken) =>
        await dbContext.Set<PhoneNumberImport>().FindAsync([importId], cancellationToken);

    public async Task TakeForReconciliationAsync(Guid importId, CancellationToken cancellationToken)
    {
        // PhoneNumberImport.TakeForReconciliation as one conditional UPDATE, committed at once. Whether it matched says nothing after a retried statement (the first
        // try may have taken it): the caller reads the import again instead.
        var now = timeProvider.GetUtcNow();
        await dbContext.Set<PhoneNumberImport>()
            .Where(i => i.Id == importId && i.Status == PhoneNumberImportStatus.Pending)
            .ExecuteUpdateAsync(
                set => set.SetProperty(i => i.Status, PhoneNumberImportStatus.Reconciling).SetProperty(i => i.UpdatedAt, now),
                cancellationToken);
        if (dbContext.ChangeTracker.Entries<PhoneNumberImport>().FirstOrDefault(e => e.Entity.Id == importId) is { } tracked)
        {
            // The change went straight to the database: the next read must see it (and its new concurrency token).
            tracked.State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<PhoneNumberImportClaim>> ListClaimsAsync(Guid importId, CancellationToken cancellationToken) =>
        await dbContext.Set<PhoneNumberImportClaim>().Where(c => c.ImportId == importId).ToListAsync(cancellationToken);

    public void Remove(PhoneNumberImport import) => dbContext.Set<PhoneNumberImport>().Remove(import);

    public void Release(IEnumerable<PhoneNumberImportClaim> claims) => dbContext.Set<PhoneNumberImportClaim>().RemoveRange(claims);
}
