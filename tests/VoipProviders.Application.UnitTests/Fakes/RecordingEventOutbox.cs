using VoipProviders.Application.Common.Events;
using VoipProviders.Contracts;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class RecordingEventOutbox : IIntegrationEventOutbox
{
    public List<IntegrationEvent> Added { get; } = [];

    public void Add(IntegrationEvent integrationEvent)
    {
        lock (Added)
        {
            Added.Add(integrationEvent);
        }
    }
}
