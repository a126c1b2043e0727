using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class AuthTokenRotations(VoipProvidersDbContext dbContext) : IAuthTokenRotations
{
    public void Add(AuthTokenRotation rotation) => dbContext.Set<AuthTokenRotation>().Add(rotation);

    public Task<AuthTokenRotation?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid rotationId, CancellationToken cancellationToken) =>
        dbContext.Set<AuthTokenRotation>()
            .SingleOrDefaultAsync(r => r.Id == rotationId && r.ProviderId == providerId && r.OrganizationId == organizationId, cancellationToken);

    public Task<AuthTokenRotation?> FindForWorkAsync(Guid rotationId, CancellationToken cancellationToken) =>
        dbContext.Set<AuthTokenRotation>().SingleOrDefaultAsync(r => r.Id == rotationId, cancellationToken);

    public async Task<IReadOnlyList<AuthTokenRotation>> FindCleanupsPendingAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        await dbContext.Set<AuthTokenRotation>()
            .Where(r => r.ProviderId == providerId && r.CleanupPending)
            .ToListAsync(cancellationToken);

    public async Task<(IReadOnlyList<AuthTokenRotation> Items, int TotalCount)> PageAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var ofProvider = dbContext.Set<AuthTokenRotation>().AsNoTracking()
            .Where(r => r.ProviderId == providerId && r.OrganizationId == organizationId);
        var total = await ofProvider.CountAsync(cancellationToken);
        var items = await ofProvider.OrderByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<IReadOnlyList<ProviderId>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var providers = dbContext.Set<TwilioProvider>().AsNoTracking();
        var due = await providers
            .Where(p => p.AuthTokenRotationEnabled && p.NextAuthTokenRotationAt <= now && p.ActiveAuthTokenRotationId == null)
            // One rotation per Twilio account at a time: promoting ends the token for every provider of the account.
            .Where(p => !providers.Any(other => other.AccountSid == p.AccountSid && other.ActiveAuthTokenRotationId != null))
            .OrderBy(p => p.NextAuthTokenRotationAt)
            .Select(p => new { p.Id, p.AccountSid })
            .Take(limit * 4)
            .ToListAsync(cancellationToken);
        return [.. due.DistinctBy(p => p.AccountSid).Take(limit).Select(p => p.Id)];
    }
}
