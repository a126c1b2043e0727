using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IProvisioningIntents"/> on <c>provisioning_intents</c>. Recording and forgetting run in units of work of
/// their own (fresh DI scopes): they must commit whatever becomes of the connect's own.
/// </summary>
internal sealed class ProvisioningIntents(VoipProvidersDbContext dbContext, IServiceScopeFactory scopes, TimeProvider timeProvider) : IProvisioningIntents
{
    public async Task RecordAsync(ProvisioningIntent intent, DateTimeOffset reconcileAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Set<ProvisioningIntent>().Add(intent);
        scope.ServiceProvider.GetRequiredService<IBackgroundJobQueue>().Enqueue(new ReconcileProvisioningIntentCommand(intent.Id.Value), reconcileAt);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
    }

    public void Fulfil(ProvisioningIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.Status != ProvisioningIntentStatus.Pending)
        {
            throw new InvalidOperationException($"Provisioning intent {intent.Id} is {intent.Status}, not pending.");
        }

        // Recorded through another context: attached here as deleted, its DELETE carries "AND status = 'pending'".
        dbContext.Set<ProvisioningIntent>().Remove(intent);
    }

    public async Task ForgetAsync(ProviderId intentId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Set<ProvisioningIntent>()
            .Where(i => i.Id == intentId && i.Status == ProvisioningIntentStatus.Pending)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<ProvisioningIntent?> FindAsync(ProviderId intentId, CancellationToken cancellationToken) =>
        await dbContext.Set<ProvisioningIntent>().FindAsync([intentId], cancellationToken);

    public async Task<bool> TakeForReconciliationAsync(ProviderId intentId, CancellationToken cancellationToken)
    {
        // ProvisioningIntent.TakeForReconciliation as one conditional UPDATE, committed at once. The time it writes is
        // this take's token, chosen before the first attempt: the execution strategy sends the statement again after a
        // lost answer, and an intent already reconciling since exactly then was taken by the attempt whose answer was
        // lost — without it, the retry would match nothing, and the intent would stay reconciling with its token and
        // its resources, with nobody to finish it.
        var now = Timestamps.Normalize(timeProvider.GetUtcNow());
        var taken = await dbContext.Set<ProvisioningIntent>()
            .Where(i => i.Id == intentId
                && (i.Status == ProvisioningIntentStatus.Pending || (i.Status == ProvisioningIntentStatus.Reconciling && i.UpdatedAt == now)))
            .ExecuteUpdateAsync(
                set => set.SetProperty(i => i.Status, ProvisioningIntentStatus.Reconciling).SetProperty(i => i.UpdatedAt, now),
                cancellationToken);
        if (dbContext.ChangeTracker.Entries<ProvisioningIntent>().FirstOrDefault(e => e.Entity.Id == intentId) is { } tracked)
        {
            // The change went straight to the database: the tracked copy must see it (and its new concurrency token).
            if (taken == 1)
            {
                await tracked.ReloadAsync(cancellationToken);
            }
            else
            {
                tracked.State = EntityState.Detached;
            }
        }

        return taken == 1;
    }

    public void Remove(ProvisioningIntent intent) => dbContext.Set<ProvisioningIntent>().Remove(intent);
}
