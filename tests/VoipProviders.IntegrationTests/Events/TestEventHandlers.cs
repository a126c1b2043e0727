using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Another module's handler that records every event it is given, in the order it is given them. Registered (by a test
/// replica) for the provider events the tests make; its full type name is its delivery identity, the same on every replica.
/// </summary>
public sealed class RecordingEventHandler :
    IIntegrationEventHandler<ProviderConnected>,
    IIntegrationEventHandler<ProviderUpdated>,
    IIntegrationEventHandler<SipCredentialRotated>
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public static string Identity => typeof(RecordingEventHandler).FullName!;

    public IReadOnlyList<IntegrationEvent> Events => [.. _events];

    public Task HandleAsync(ProviderConnected integrationEvent, CancellationToken cancellationToken) => Record(integrationEvent);

    public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken) => Record(integrationEvent);

    public Task HandleAsync(SipCredentialRotated integrationEvent, CancellationToken cancellationToken) => Record(integrationEvent);

    /// <summary>Registers this instance for every event type it handles, the way a module registers itself.</summary>
    public void RegisterIn(IServiceCollection services)
    {
        services.AddSingleton<IIntegrationEventHandler<ProviderConnected>>(_ => this);
        services.AddSingleton<IIntegrationEventHandler<ProviderUpdated>>(_ => this);
        services.AddSingleton<IIntegrationEventHandler<SipCredentialRotated>>(_ => this);
    }

    private Task Record(IntegrationEvent integrationEvent)
    {
        _events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}

/// <summary>The exception a <see cref="FailingUpdateHandler"/> throws while it is told to fail.</summary>
public sealed class HandlerBrokeException(string message) : Exception(message);

/// <summary>
/// Another module's <see cref="ProviderUpdated"/> handler that throws while <see cref="ShouldFail"/> says so (given the
/// event and how many times it was called with it before), and records every call and whether it took the event.
/// </summary>
public sealed class FailingUpdateHandler : IIntegrationEventHandler<ProviderUpdated>
{
    private readonly ConcurrentQueue<(ProviderUpdated Event, bool Took)> _calls = new();
    private readonly ConcurrentDictionary<Guid, int> _callsPerEvent = new();

    public static string Identity => typeof(FailingUpdateHandler).FullName!;

    /// <summary>Whether to throw on this call: the event, and how many calls with it came before this one.</summary>
    public Func<ProviderUpdated, int, bool> ShouldFail { get; set; } = (_, _) => false;

    public IReadOnlyList<(ProviderUpdated Event, bool Took)> Calls => [.. _calls];

    /// <summary>The events it took, in the order it took them.</summary>
    public IReadOnlyList<ProviderUpdated> Taken => [.. _calls.Where(call => call.Took).Select(call => call.Event)];

    public void RegisterIn(IServiceCollection services) =>
        services.AddSingleton<IIntegrationEventHandler<ProviderUpdated>>(_ => this);

    public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken)
    {
        var before = _callsPerEvent.AddOrUpdate(integrationEvent.EventId, 1, (_, count) => count + 1) - 1;
        if (ShouldFail(integrationEvent, before))
        {
            _calls.Enqueue((integrationEvent, false));
            throw new HandlerBrokeException($"the handler broke on {integrationEvent.Name} (call {before + 1})");
        }

        _calls.Enqueue((integrationEvent, true));
        return Task.CompletedTask;
    }
}
