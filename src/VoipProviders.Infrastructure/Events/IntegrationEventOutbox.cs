using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Events;
using VoipProviders.Contracts;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Adds an event, and one delivery per handler subscribed to its type, to the unit of work's change tracker: they are
/// written by its commit, in its transaction.
/// </summary>
internal sealed class IntegrationEventOutbox(
    VoipProvidersDbContext dbContext,
    IntegrationEventSubscriptions subscriptions,
    TimeProvider timeProvider) : IIntegrationEventOutbox
{
    public void Add(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var now = timeProvider.GetUtcNow();
        var stamped = integrationEvent with
        {
            EventId = Guid.CreateVersion7(now),
            OccurredAt = now,
            Sequence = 0,
            TraceParent = Activity.Current?.Id,
        };

        // Events of one provider in one commit keep the order they were added in, whatever order the commit inserts them.
        // Counting them must not detect changes in every tracked entity (the commit does that once).
        var tracker = dbContext.ChangeTracker;
        var autoDetectChanges = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        int ordinal;
        try
        {
            ordinal = 1 + tracker.Entries<StoredIntegrationEvent>()
                .Count(entry => entry.State == EntityState.Added && entry.Entity.ProviderId == stamped.ProviderId);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetectChanges;
        }

        dbContext.Add(new StoredIntegrationEvent
        {
            Id = stamped.EventId,
            EventType = IntegrationEventTypes.NameOf(type),
            OrganizationId = stamped.OrganizationId,
            ProviderId = stamped.ProviderId,
            ProviderVersion = stamped.ProviderVersion,
            Ordinal = ordinal,
            Payload = IntegrationEventTypes.Serialize(stamped),
            OccurredAt = now,
            TraceParent = stamped.TraceParent,
        });
        foreach (var handler in subscriptions.HandlersOf(type))
        {
            dbContext.Add(new IntegrationEventDelivery
            {
                EventId = stamped.EventId,
                Handler = handler,
                ProviderId = stamped.ProviderId,
                NextAttemptAt = now,
            });
        }
    }
}
