using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class TwilioResourceCleanupRepository(VoipProvidersDbContext dbContext) : ITwilioResourceCleanupRepository
{
    public async Task<TwilioResourceCleanup?> FindAsync(Guid cleanupId, CancellationToken cancellationToken) =>
        await dbContext.Set<TwilioResourceCleanup>().FindAsync([cleanupId], cancellationToken);

    public void Add(TwilioResourceCleanup cleanup) => dbContext.Set<TwilioResourceCleanup>().Add(cleanup);

    public void Remove(TwilioResourceCleanup cleanup) => dbContext.Set<TwilioResourceCleanup>().Remove(cleanup);
}
