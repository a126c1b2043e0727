using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class TwilioProviderRepository(VoipProvidersDbContext dbContext) : ITwilioProviderRepository
{
    // Every command on a provider starts here: compiled once, not looked up in EF Core's query cache per request.
    private static readonly Func<VoipProvidersDbContext, Guid, string, CancellationToken, Task<TwilioProvider?>> Find =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, Guid id, string organizationId, CancellationToken _) =>
            db.TwilioProviders.FirstOrDefault(p => p.Id == id && p.OrganizationId == organizationId));

    private static readonly Func<VoipProvidersDbContext, Guid, string, CancellationToken, Task<ProviderWithNumberCount?>> FindWithNumberCount =
        EF.CompileAsyncQuery((VoipProvidersDbContext db, Guid id, string organizationId, CancellationToken _) =>
            db.TwilioProviders
                .Where(p => p.Id == id && p.OrganizationId == organizationId)
                .Select(p => new ProviderWithNumberCount(p, db.ImportedPhoneNumbers.Count(n => n.ProviderId == p.Id)))
                .FirstOrDefault());

    public Task<TwilioProvider?> FindAsync(string organizationId, Guid providerId, CancellationToken cancellationToken) =>
        Find(dbContext, providerId, organizationId, cancellationToken);

    public async Task<(TwilioProvider Provider, int PhoneNumberCount)?> FindWithPhoneNumberCountAsync(
        string organizationId,
        Guid providerId,
        CancellationToken cancellationToken) =>
        await dbContext.StreamingWithRetriesAsync(token => FindWithNumberCount(dbContext, providerId, organizationId, token), cancellationToken) is { } found
            ? (found.Provider, found.PhoneNumberCount)
            : null;

    public Task<TwilioProvider?> FindCommittedAsync(string organizationId, Guid providerId, CancellationToken cancellationToken) =>
        dbContext.TwilioProviders.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public Task<bool> AccountIsConnectedAsync(string organizationId, string accountSid, CancellationToken cancellationToken) =>
        dbContext.TwilioProviders.AnyAsync(p => p.OrganizationId == organizationId && p.AccountSid == accountSid, cancellationToken);

    public void Add(TwilioProvider provider) => dbContext.TwilioProviders.Add(provider);

    public void Remove(TwilioProvider provider) => dbContext.TwilioProviders.Remove(provider);

    /// <summary>A tracked provider (entities in a projection are tracked too) and its imported-number count.</summary>
    private sealed record ProviderWithNumberCount(TwilioProvider Provider, int PhoneNumberCount);
}
