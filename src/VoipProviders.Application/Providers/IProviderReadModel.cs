using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>The read side of one provider type, as the generic provider endpoints ask it.</summary>
public interface IProviderReadModel
{
    ProviderType Type { get; }

    /// <summary>The organization's provider of this type, or null when it has none with this id.</summary>
    Task<ProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The organization's providers of this type, newest first (created, then id), optionally only those with the status.</summary>
    Task<PagedResponse<ProviderResponse>> ListAsync(
        OrganizationId organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken);
}
