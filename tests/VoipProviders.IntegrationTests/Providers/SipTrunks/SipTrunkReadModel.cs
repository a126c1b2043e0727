using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Providers;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

internal sealed class SipTrunkReadModel(SipTrunkDirectory directory) : IProviderReadModel
{
    public ProviderType Type => SipTrunkProviderType.Type;

    public Task<ProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult(directory.Find(providerId, organizationId) is { } trunk ? (ProviderResponse?)ToResponse(trunk) : null);

    public Task<PagedResponse<ProviderResponse>> ListAsync(
        OrganizationId organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var trunks = directory.OfOrganization(organizationId)
            .Where(t => verificationStatus is null || t.VerificationStatus == verificationStatus)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id.Value)
            .ToList();
        IReadOnlyList<ProviderResponse> page = [.. trunks.Skip(skip).Take(take).Select(ToResponse)];
        return Task.FromResult(new PagedResponse<ProviderResponse>(page, trunks.Count, skip, take));
    }

    private static SipTrunkProviderResponse ToResponse(SipTrunk trunk) => new()
    {
        Id = trunk.Id.Value,
        Name = trunk.Name,
        Host = trunk.Host,
        VerificationStatus = trunk.VerificationStatus,
        LastVerifiedAt = trunk.LastVerifiedAt,
        VerificationDetails = VerificationCheckResponses.From(trunk.VerificationChecks),
        CreatedAt = trunk.CreatedAt,
        UpdatedAt = trunk.CreatedAt,
        Version = trunk.Version,
    };
}
