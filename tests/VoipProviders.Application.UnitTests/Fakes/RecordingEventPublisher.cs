using VoipProviders.Application.Common.Events;
using VoipProviders.Contracts;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class RecordingEventPublisher : IIntegrationEventPublisher
{
    public List<IIntegrationEvent> Published { get; } = [];

    public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        Published.Add(integrationEvent);
        return Task.CompletedTask;
    }
}
