using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class TwilioProviderRepository(VoipProvidersDbContext dbContext) : ITwilioProviderRepository
{
    public Task<TwilioProvider?> FindAsync(string organizationId, Guid providerId, CancellationToken cancellationToken) =>
        dbContext.TwilioProviders.SingleOrDefaultAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public Task<TwilioProvider?> FindCommittedAsync(string organizationId, Guid providerId, CancellationToken cancellationToken) =>
        dbContext.TwilioProviders.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == providerId && p.OrganizationId == organizationId, cancellationToken);

    public Task<bool> AccountIsConnectedAsync(string organizationId, string accountSid, CancellationToken cancellationToken) =>
        dbContext.TwilioProviders.AnyAsync(p => p.OrganizationId == organizationId && p.AccountSid == accountSid, cancellationToken);

    public void Add(TwilioProvider provider) => dbContext.TwilioProviders.Add(provider);

    public void Remove(TwilioProvider provider) => dbContext.TwilioProviders.Remove(provider);
}
