using VoipProviders.Contracts;

namespace VoipProviders.Application.Common.Events;

/// <summary>
/// Stores integration events with the unit of work's changes (the transactional outbox): they are delivered to other
/// modules' handlers once the change commits, and never when it does not.
/// </summary>
public interface IIntegrationEventOutbox
{
    /// <summary>
    /// Adds the event to the commit in progress. Its <see cref="IntegrationEvent.EventId"/>,
    /// <see cref="IntegrationEvent.OccurredAt"/> and <see cref="IntegrationEvent.TraceParent"/> are filled in here;
    /// events of one provider are delivered in the order they were added.
    /// </summary>
    void Add(IntegrationEvent integrationEvent);
}
