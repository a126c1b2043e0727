using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Twilio providers as the generic provider endpoints read them.</summary>
internal sealed class TwilioProviderReads(ITwilioProviderReadModel readModel) : IProviderReadModel
{
    public ProviderType Type => TwilioProviderKind.Type;

    public async Task<ProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        await readModel.FindAsync(organizationId, providerId, cancellationToken);

    public async Task<PagedResponse<ProviderResponse>> ListAsync(
        OrganizationId organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await readModel.ListAsync(organizationId, verificationStatus, skip, take, cancellationToken);
        return new PagedResponse<ProviderResponse>(page.Items, page.TotalCount, page.Skip, page.Take);
    }
}
