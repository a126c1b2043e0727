using VoipProviders.Application.Auditing;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers;

/// <summary><see cref="IAuditedProviders"/> over every provider type's read side.</summary>
internal sealed class AuditedProviders(IEnumerable<IProviderReadModel> types) : IAuditedProviders
{
    public async Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            if (await type.FindAsync(organizationId, providerId, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
