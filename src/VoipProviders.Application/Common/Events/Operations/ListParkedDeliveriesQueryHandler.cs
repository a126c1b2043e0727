using Mediator;

namespace VoipProviders.Application.Common.Events.Operations;

public sealed class ListParkedDeliveriesQueryHandler(IIntegrationEventDeliveries deliveries) : IQueryHandler<ListParkedDeliveriesQuery, IReadOnlyList<ParkedDelivery>>
{
    public async ValueTask<IReadOnlyList<ParkedDelivery>> Handle(ListParkedDeliveriesQuery query, CancellationToken cancellationToken) =>
        await deliveries.ListParkedAsync(query.Take, cancellationToken);
}
