using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Another module's handler that breaks — throwing before it even returns a task, or never answering until the
/// handler timeout cuts it off — is that handler's problem alone: the API call that raised the event answers and
/// commits as if nothing were wrong, the other handler gets the event once, and the broken handler's delivery is parked
/// (here after one attempt) with what went wrong, without holding up the provider's later events.
/// </summary>
public sealed class ThrowingHandlerTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task A_handler_that_throws_or_hangs_leaves_the_API_call_and_the_other_handler_untouched_and_only_its_own_delivery_is_parked()
    {
        await Fixture.PauseBackgroundJobsAsync(); // the replica below delivers
        var recorder = new RecordingEventHandler();
        var throwing = new SynchronouslyThrowingHandler();
        var hanging = new HangingHandler();
        await using var replica = await Fixture.StartHostAsync(
            new Dictionary<string, string> { ["IntegrationEvents:MaxAttempts"] = "1", ["IntegrationEvents:HandlerTimeout"] = "00:00:01" },
            services =>
            {
                recorder.RegisterIn(services);
                services.AddSingleton<IIntegrationEventHandler<ProviderUpdated>>(throwing);
                services.AddSingleton<IIntegrationEventHandler<ProviderUpdated>>(hanging);
            });
        var id = await NewProvider().ConnectAsync();
        var client = replica.ClientFor(OrgA);

        using (var renamed = await client.UpdateTwilioProviderAsync(id, new { name = "First" }))
        {
            var body = await renamed.Content.ReadAsStringAsync();
            renamed.StatusCode.Should().Be(HttpStatusCode.OK, body);
            JsonDocument.Parse(body).RootElement.GetProperty("name").GetString().Should().Be("First");
        }

        (await Database.ColumnAsync(id, "name")).Should().Be("First", "the change committed");
        await EventuallyAsync(
            async () => (await Events.DeliveriesAsync(id)).Count(d => d.Status == DeliveryRow.Parked) == 2,
            "both broken handlers' deliveries were parked");

        var deliveries = await Events.DeliveriesAsync(id);
        deliveries.Select(d => d.Handler).Should().BeEquivalentTo([typeof(SynchronouslyThrowingHandler).FullName, typeof(HangingHandler).FullName]);
        deliveries.Should().AllSatisfy(d => d.Attempts.Should().Be(1));
        deliveries.Single(d => d.Handler == typeof(SynchronouslyThrowingHandler).FullName).LastError.Should().StartWith(typeof(HandlerBrokeException).FullName);
        deliveries.Single(d => d.Handler == typeof(HangingHandler).FullName).LastError.Should().Contain("canceled", "the handler timeout cut it off");
        recorder.Events.OfType<ProviderUpdated>().Select(e => e.Name).Should().Equal(["First"], "the other handler took the event, once");

        // The provider's next change goes through, and reaches the working handler past the parked deliveries.
        using (var again = await client.UpdateTwilioProviderAsync(id, new { name = "Second" }))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await EventuallyAsync(
            () => Task.FromResult(recorder.Events.OfType<ProviderUpdated>().Any(e => e.Name == "Second")),
            "the next event reached the working handler");
        recorder.Events.OfType<ProviderUpdated>().Select(e => e.Name).Should().Equal(["First", "Second"]);
        throwing.Calls.Should().BeGreaterThanOrEqualTo(2, "each event was offered to it once");
    }

    /// <summary>A handler that throws on the call itself, before returning a task.</summary>
    private sealed class SynchronouslyThrowingHandler : IIntegrationEventHandler<ProviderUpdated>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new HandlerBrokeException($"the handler broke on {integrationEvent.Name}");
        }
    }

    /// <summary>A handler that never answers until it is cancelled.</summary>
    private sealed class HangingHandler : IIntegrationEventHandler<ProviderUpdated>
    {
        public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }
}
