using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

public sealed class DeleteProviderCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioResourceCleanupRepository cleanups,
    IBackgroundJobQueue jobs,
    TimeProvider timeProvider,
    ILogger<DeleteProviderCommandHandler> logger) : ICommandHandler<DeleteProviderCommand>
{
    public async ValueTask<Unit> Handle(DeleteProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Provider", command.ProviderId);
        command.IfMatch?.Check(provider.Version);

        var now = timeProvider.GetUtcNow();
        var cleanup = provider.PlanResourceCleanup(Guid.CreateVersion7(now), now);
        providers.Remove(provider);
        cleanups.Add(cleanup);
        jobs.Enqueue(new CleanUpTwilioResourcesCommand(cleanup.Id));

        logger.ProviderDeleted(provider.Id, cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid);
        return Unit.Value;
    }
}
