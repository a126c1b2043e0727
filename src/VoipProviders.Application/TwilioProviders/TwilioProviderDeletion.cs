using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Contracts.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Deletes a Twilio provider: its row and its imported numbers go in the unit of work's commit, together with a durable
/// clean-up that then detaches the numbers and deletes the trunk and credential list in the tenant's account.
/// </summary>
internal sealed class TwilioProviderDeletion(
    ITwilioProviderRepository providers,
    ITwilioResourceCleanupRepository cleanups,
    IImportedPhoneNumberRepository phoneNumbers,
    IBackgroundJobQueue jobs,
    IUnitOfWork unitOfWork,
    IIntegrationEventPublisher events,
    TimeProvider timeProvider,
    ILogger<TwilioProviderDeletion> logger) : IProviderDeletion
{
    public ProviderType Type => TwilioProviderKind.Type;

    public async Task<bool> TryDeleteAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        VersionPrecondition? ifMatch,
        CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(organizationId, providerId, cancellationToken);
        if (provider is null)
        {
            return false;
        }

        ifMatch?.Check(provider.Version);

        // Its numbers go with it (the database cascades); the clean-up detaches them in Twilio before the trunk goes.
        var numbers = await phoneNumbers.ListOfProviderAsync(provider.Id, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var cleanup = provider.PlanResourceCleanup(Guid.CreateVersion7(now), now, [.. numbers.Select(n => n.PhoneNumberSid)]);
        providers.Remove(provider);
        cleanups.Add(cleanup);
        jobs.Enqueue(new CleanUpTwilioResourcesCommand(cleanup.Id));
        if (numbers.Count > 0)
        {
            var removed = new PhoneNumbersRemoved(
                provider.OrganizationId.Value,
                provider.Id.Value,
                [.. numbers.Select(PhoneNumberReferences.Of)],
                ProviderDeleted: true);
            unitOfWork.OnCommitted("tell other modules the provider's numbers were removed", token => events.PublishAsync(removed, token));
        }

        logger.ProviderDeleted(provider.Id.Value, cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid);
        return true;
    }
}
