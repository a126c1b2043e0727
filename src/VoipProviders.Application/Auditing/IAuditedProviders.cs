using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Auditing;

/// <summary>The providers the audit trail may be asked about: implemented by the provider feature, over every provider type.</summary>
public interface IAuditedProviders
{
    /// <summary>Whether the organization has a provider with this id now.</summary>
    Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);
}
