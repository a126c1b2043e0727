using Mediator;

namespace VoipProviders.Application.Common.Events.Operations;

/// <summary>The newest parked event deliveries, for an operator.</summary>
public sealed record ListParkedDeliveriesQuery(int Take) : IQuery<IReadOnlyList<ParkedDelivery>>;
