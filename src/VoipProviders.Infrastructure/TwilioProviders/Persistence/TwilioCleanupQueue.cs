using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>Records the clean-up and its job through a unit of work of its own, in a fresh DI scope.</summary>
internal sealed class TwilioCleanupQueue(IServiceScopeFactory scopes) : ITwilioCleanupQueue
{
    public async Task QueueAsync(TwilioResourceCleanup cleanup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITwilioResourceCleanupRepository>().Add(cleanup);
        scope.ServiceProvider.GetRequiredService<IBackgroundJobQueue>().Enqueue(new CleanUpTwilioResourcesCommand(cleanup.Id));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
    }
}
