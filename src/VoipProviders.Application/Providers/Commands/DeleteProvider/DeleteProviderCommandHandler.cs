using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Contracts.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

public sealed class DeleteProviderCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioResourceCleanupRepository cleanups,
    IImportedPhoneNumberRepository phoneNumbers,
    IBackgroundJobQueue jobs,
    IUnitOfWork unitOfWork,
    IIntegrationEventPublisher events,
    TimeProvider timeProvider,
    ILogger<DeleteProviderCommandHandler> logger) : ICommandHandler<DeleteProviderCommand>
{
    public async ValueTask<Unit> Handle(DeleteProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Provider", command.ProviderId);
        command.IfMatch?.Check(provider.Version);

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
                provider.OrganizationId,
                provider.Id,
                [.. numbers.Select(n => new PhoneNumberReference(n.OrganizationId, n.Id, n.ProviderId, n.PhoneNumberSid, n.PhoneNumber))],
                ProviderDeleted: true);
            unitOfWork.OnCommitted("tell other modules the provider's numbers were removed", token => events.PublishAsync(removed, token));
        }

        logger.ProviderDeleted(provider.Id, cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid);
        return Unit.Value;
    }
}
