using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Settings;

/// <summary>An organization's provider defaults; saved by the unit of work.</summary>
public interface IOrganizationProviderSettingsRepository
{
    /// <summary>The organization's settings, tracked; null when it never set any (every default applies).</summary>
    Task<OrganizationProviderSettings?> FindAsync(OrganizationId organizationId, CancellationToken cancellationToken);

    void Add(OrganizationProviderSettings settings);
}
