using System.Collections.Concurrent;
using VoipProviders.Contracts;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// Stands in for the agents module: it says who uses which number, lets go when told to, and records the events it
/// hears (delivered by the outbox's dispatcher, so after the request: wait for them with <see cref="WaitForEventAsync{TEvent}"/>).
/// Registered in the test host the way a real module registers itself.
/// </summary>
public sealed class FakeAgentsModule :
    IPhoneNumberUsage,
    IIntegrationEventHandler<PhoneNumbersImported>,
    IIntegrationEventHandler<PhoneNumberRemoved>,
    IIntegrationEventHandler<ProviderVerificationStatusChanged>
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, List<PhoneNumberUser>> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PhoneNumberReference> _released = new();
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public IReadOnlyList<PhoneNumberReference> Released => [.. _released];

    public IReadOnlyList<IntegrationEvent> Events => [.. _events];

    /// <summary>Makes an agent use a number (by E.164).</summary>
    public void Uses(string phoneNumber, string agentId, string agentName, params string[] uses) =>
        _users.AddOrUpdate(
            phoneNumber,
            _ => [new PhoneNumberUser(agentId, agentName, uses)],
            (_, list) => [.. list, new PhoneNumberUser(agentId, agentName, uses)]);

    public void Reset()
    {
        _users.Clear();
        _released.Clear();
        _events.Clear();
    }

    public Task<IReadOnlyList<PhoneNumberUser>> FindUsersAsync(PhoneNumberReference number, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PhoneNumberUser>>(_users.TryGetValue(number.PhoneNumber, out var users) ? users : []);

    public Task ReleaseAsync(PhoneNumberReference number, CancellationToken cancellationToken)
    {
        _users.TryRemove(number.PhoneNumber, out _);
        _released.Enqueue(number);
        return Task.CompletedTask;
    }

    public Task HandleAsync(PhoneNumbersImported integrationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }

    public Task HandleAsync(PhoneNumberRemoved integrationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }

    public Task HandleAsync(ProviderVerificationStatusChanged integrationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> events of the type (matching the filter) have arrived, and returns them.</summary>
    public async Task<IReadOnlyList<TEvent>> WaitForEventAsync<TEvent>(Func<TEvent, bool>? filter = null, int count = 1)
        where TEvent : IntegrationEvent
    {
        var until = DateTime.UtcNow + EventWait;
        while (true)
        {
            var matching = _events.OfType<TEvent>().Where(e => filter?.Invoke(e) ?? true).ToList();
            if (matching.Count >= count || DateTime.UtcNow > until)
            {
                return matching;
            }

            await Task.Delay(25);
        }
    }
}
