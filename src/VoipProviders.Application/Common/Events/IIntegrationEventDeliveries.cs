namespace VoipProviders.Application.Common.Events;

/// <summary>The deliveries of integration events that ran out of attempts, for an operator to look at and retry.</summary>
public interface IIntegrationEventDeliveries
{
    Task<IReadOnlyList<ParkedDelivery>> ListParkedAsync(int take, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the parked deliveries matching the filter (both optional) for delivery again, with their attempts reset,
    /// and wakes the dispatcher. Returns how many were queued.
    /// </summary>
    Task<int> RetryParkedAsync(Guid? eventId, string? handler, CancellationToken cancellationToken);
}
