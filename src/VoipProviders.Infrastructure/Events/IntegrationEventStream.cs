namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// A provider's event counter, kept by the trigger that numbers its events. Its row lock serializes the transactions
/// that add events for one provider, so the numbers follow commit order; a rolled-back transaction gives its numbers
/// back, so they have no gaps.
/// </summary>
internal sealed class IntegrationEventStream
{
    public Guid ProviderId { get; init; }

    public long LastSequence { get; init; }

    /// <summary>The sequence before the transaction that last added events (<see cref="BaseTransaction"/>).</summary>
    public long BaseSequence { get; init; }

    public long BaseTransaction { get; init; }
}
