using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Providers.Persistence;

internal sealed class OrganizationProviderSettingsRepository(VoipProvidersDbContext dbContext) : IOrganizationProviderSettingsRepository
{
    public Task<OrganizationProviderSettings?> FindAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        dbContext.Set<OrganizationProviderSettings>().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);

    public void Add(OrganizationProviderSettings settings) => dbContext.Set<OrganizationProviderSettings>().Add(settings);
}
