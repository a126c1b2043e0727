using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class TwilioResourceCleanupRepository(VoipProvidersDbContext dbContext) : ITwilioResourceCleanupRepository
{
    public async Task<TwilioResourceCleanup?> FindAsync(Guid cleanupId, CancellationToken cancellationToken) =>
        await dbContext.TwilioResourceCleanups.FindAsync([cleanupId], cancellationToken);

    public void Add(TwilioResourceCleanup cleanup) => dbContext.TwilioResourceCleanups.Add(cleanup);

    public void Remove(TwilioResourceCleanup cleanup) => dbContext.TwilioResourceCleanups.Remove(cleanup);
}
