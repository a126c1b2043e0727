using VoipProviders.Application.Providers.Settings;

namespace VoipProviders.Application.UnitTests.Fakes;

internal sealed class FakeOrganizationProviderSettingsRepository : IOrganizationProviderSettingsRepository
{
    private readonly List<OrganizationProviderSettings> _settings = [];

    public Task<OrganizationProviderSettings?> FindAsync(OrganizationId organizationId, CancellationToken cancellationToken) =>
        Task.FromResult(_settings.SingleOrDefault(s => s.OrganizationId == organizationId));

    public void Add(OrganizationProviderSettings settings) => _settings.Add(settings);
}
