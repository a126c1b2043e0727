using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class TwilioProviderRepository(VoipProvidersDbContext dbContext) : ITwilioProviderRepository
{
    // Every command on a provider starts here: compiled once, not looked up in EF Core's query cache per request.
    private static readonly Func<VoipProvidersDbContext, ProviderId, OrganizationId, CancellationToken, Task<TwilioProvider?>> Find =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, ProviderId id, OrganizationId organizationId, CancellationToken _) =>
            db.Set<TwilioProvider>().FirstOrDefault(p => p.Id == id && p.OrganizationId == organizationId));

    private static readonly Func<VoipProvidersDbContext, ProviderId, OrganizationId, CancellationToken, Task<ProviderWithNumberCount?>> FindWithNumberCount =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, ProviderId id, OrganizationId organizationId, CancellationToken _) =>
            db.Set<TwilioProvider>()
                .Where(p => p.Id == id && p.OrganizationId == organizationId)
                .Select(p => new ProviderWithNumberCount(p, db.Set<ImportedPhoneNumber>().Count(n => n.ProviderId == p.Id)))
                .FirstOrDefault());

    public Task<TwilioProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Find(dbContext, providerId, organizationId, cancellationToken);

    public async Task<(TwilioProvider Provider, int PhoneNumberCount)?> FindWithPhoneNumberCountAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        CancellationToken cancellationToken) =>
        await dbContext.StreamingWithRetriesAsync(token => FindWithNumberCount(dbContext, providerId, organizationId, token), cancellationToken) is { } found
            ? (found.Provider, found.PhoneNumberCount)
            : null;

    public Task<TwilioProvider?> FindCommittedAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public Task<TwilioProvider?> FindForBackgroundWorkAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>().SingleOrDefaultAsync(p => p.Id == providerId, cancellationToken);

    public Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>().AnyAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public Task EndRepairAsync(ProviderId providerId, Guid runId, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>()
            .Where(p => p.Id == providerId && p.RepairRunId == runId)
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(p => p.RepairRunId, (Guid?)null).SetProperty(p => p.RepairLeaseUntil, (DateTimeOffset?)null),
                cancellationToken);

    public Task<TwilioProvider?> FindByAccountAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>().AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.AccountSid == accountSid, cancellationToken);

    public Task<bool> AccountIsConnectedAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken) =>
        dbContext.Set<TwilioProvider>().AnyAsync(p => p.OrganizationId == organizationId && p.AccountSid == accountSid, cancellationToken);

    public void Add(TwilioProvider provider) => dbContext.Set<TwilioProvider>().Add(provider);

    public void Remove(TwilioProvider provider) => dbContext.Set<TwilioProvider>().Remove(provider);

    /// <summary>A tracked provider (entities in a projection are tracked too) and its imported-number count.</summary>
    private sealed record ProviderWithNumberCount(TwilioProvider Provider, int PhoneNumberCount);
}
