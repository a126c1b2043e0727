using Mediator;

namespace VoipProviders.Application.Common.Events.Operations;

/// <summary>
/// An operator's retry of parked event deliveries: every parked one, those of one event, of one handler, or both. They
/// are queued again with their attempts reset; the answer is how many.
/// </summary>
public sealed record RetryParkedDeliveriesCommand(Guid? EventId, string? Handler) : ICommand<int>;
