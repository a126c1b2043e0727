using Mediator;

namespace VoipProviders.Application.Common.Events.Operations;

public sealed class RetryParkedDeliveriesCommandHandler(IIntegrationEventDeliveries deliveries) : ICommandHandler<RetryParkedDeliveriesCommand, int>
{
    public async ValueTask<int> Handle(RetryParkedDeliveriesCommand command, CancellationToken cancellationToken) =>
        await deliveries.RetryParkedAsync(command.EventId, command.Handler, cancellationToken);
}
