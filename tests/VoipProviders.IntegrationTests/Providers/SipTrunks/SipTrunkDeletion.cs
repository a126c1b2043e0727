using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Providers;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>Deletes a SIP trunk provider once the unit of work commits (its store joins the commit the only way it can).</summary>
internal sealed class SipTrunkDeletion(SipTrunkDirectory directory, IUnitOfWork unitOfWork) : IProviderDeletion
{
    public ProviderType Type => SipTrunkProviderType.Type;

    public Task<bool> TryDeleteAsync(OrganizationId organizationId, ProviderId providerId, VersionPrecondition? ifMatch, CancellationToken cancellationToken)
    {
        if (directory.Find(providerId, organizationId) is not { } trunk)
        {
            return Task.FromResult(false);
        }

        ifMatch?.Check(trunk.Version);
        unitOfWork.OnCommitted("remove the SIP trunk", _ => Task.FromResult(directory.Remove(trunk.Id)));
        return Task.FromResult(true);
    }
}
