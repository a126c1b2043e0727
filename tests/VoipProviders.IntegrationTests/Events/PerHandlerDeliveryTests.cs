using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Events;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Issue 19 §1/§3: delivery is tracked per handler — a handler that throws is retried alone, with backoff, while the
/// other handlers of the event are called once; after <c>IntegrationEvents:MaxAttempts</c> its delivery is parked
/// (logged as an error), later events of the provider no longer wait behind it, and the operator's retry delivers it.
/// The handlers live on a replica of their own (the shared host's jobs are paused, so that replica delivers).
/// </summary>
public sealed class PerHandlerDeliveryTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task A_throwing_handler_is_retried_alone_until_it_takes_the_event_and_the_other_handler_is_called_once()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var recorder = new RecordingEventHandler();
        var flaky = new FailingUpdateHandler { ShouldFail = (_, callsBefore) => callsBefore < 3 };
        await using var replica = await Fixture.StartHostAsync(testServices: services =>
        {
            recorder.RegisterIn(services);
            flaky.RegisterIn(services);
        });
        var id = await NewProvider().ConnectAsync();

        using (var response = await replica.ClientFor(OrgA).UpdateTwilioProviderAsync(id, new { name = "Renamed" }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var stored = (await Events.EventsAsync(id)).Single(e => e.EventType == "ProviderUpdated");
        await EventuallyAsync(
            async () => (await Events.DeliveriesToAsync(FailingUpdateHandler.Identity)).SingleOrDefault() is { Attempts: >= 2 },
            "the throwing handler failed twice and its delivery counts the attempts");
        var retrying = (await Events.DeliveriesToAsync(FailingUpdateHandler.Identity)).Single();
        retrying.EventId.Should().Be(stored.Id);
        retrying.Status.Should().Be(DeliveryRow.Pending, "it has attempts left");
        retrying.LastError.Should().StartWith(typeof(HandlerBrokeException).FullName);
        retrying.ParkedAt.Should().BeNull();
        (await Events.DeliveriesToAsync(RecordingEventHandler.Identity)).Should().BeEmpty("the other handler took the event at once");

        await EventuallyAsync(async () => flaky.Taken.Count == 1 && (await Events.DeliveriesAsync(id)).Count == 0, "the throwing handler took the event on its fourth call");

        flaky.Calls.Select(c => c.Took).Should().Equal(false, false, false, true);
        flaky.Calls.Should().AllSatisfy(c => c.Event.EventId.Should().Be(stored.Id, "a redelivery is the same event"));
        flaky.Taken.Single().Sequence.Should().Be(stored.Sequence);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        recorder.Events.OfType<ProviderUpdated>().Should().ContainSingle("the handler that took the event is never called with it again")
            .Which.EventId.Should().Be(stored.Id);
        flaky.Calls.Should().HaveCount(4, "a delivered event is not delivered again");
    }

    [Fact]
    public async Task A_providers_later_events_wait_for_the_handler_that_is_retried_and_reach_it_in_order()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var recorder = new RecordingEventHandler();
        var flaky = new FailingUpdateHandler { ShouldFail = (e, callsBefore) => e.Name == "First" && callsBefore < 3 };
        await using var replica = await Fixture.StartHostAsync(testServices: services =>
        {
            recorder.RegisterIn(services);
            flaky.RegisterIn(services);
        });
        var id = await NewProvider().ConnectAsync();
        var client = replica.ClientFor(OrgA);

        foreach (var name in new[] { "First", "Second", "Third" })
        {
            using var response = await client.UpdateTwilioProviderAsync(id, new { name });
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await EventuallyAsync(async () => flaky.Taken.Count == 3 && (await Events.DeliveriesAsync(id)).Count == 0, "the throwing handler caught up");

        flaky.Taken.Select(e => e.Name).Should().Equal(["First", "Second", "Third"], "a handler sees a provider's events in commit order");
        flaky.Calls.Select(c => c.Event.Name).Should().Equal(["First", "First", "First", "First", "Second", "Third"], "nothing was handed to it past the event it failed on");
        recorder.Events.OfType<ProviderUpdated>().Select(e => e.Name).Should().Equal(["First", "Second", "Third"], "the other handler did not wait, nor was called again");
    }

    [Fact]
    public async Task After_MaxAttempts_the_delivery_is_parked_later_events_pass_it_and_the_operators_retry_delivers_it()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var recorder = new RecordingEventHandler();
        var failing = new FailingUpdateHandler { ShouldFail = (e, _) => e.Name == "Poison" };
        await using var replica = await Fixture.StartHostAsync(
            new Dictionary<string, string> { ["IntegrationEvents:MaxAttempts"] = "2" },
            services =>
            {
                recorder.RegisterIn(services);
                failing.RegisterIn(services);
            });
        var id = await NewProvider().ConnectAsync();
        var client = replica.ClientFor(OrgA);
        using (var poison = await client.UpdateTwilioProviderAsync(id, new { name = "Poison" }))
        {
            poison.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var poisonEvent = (await Events.EventsAsync(id)).Single(e => e.EventType == "ProviderUpdated");
        await EventuallyAsync(
            async () => (await Events.DeliveriesToAsync(FailingUpdateHandler.Identity)).SingleOrDefault() is { Status: DeliveryRow.Parked },
            "the delivery ran out of attempts and was parked");

        var parked = (await Events.DeliveriesToAsync(FailingUpdateHandler.Identity)).Single();
        parked.EventId.Should().Be(poisonEvent.Id);
        parked.Attempts.Should().Be(2);
        parked.ParkedAt.Should().NotBeNull().And.BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        parked.LastError.Should().Contain(typeof(HandlerBrokeException).FullName!).And.Contain("Poison");
        failing.Calls.Should().HaveCount(2, "two attempts, then no more");
        recorder.Events.OfType<ProviderUpdated>().Should().ContainSingle("the other handler took it once");
        replica.Logs.GetSnapshot().Should().Contain(
            record => record.Level == LogLevel.Error && record.Id.Id == 6002 && record.Message.Contains(poisonEvent.Id.ToString(), StringComparison.Ordinal),
            "a parked delivery is logged as an error naming the event");

        var deliveries = replica.Services.GetRequiredService<IIntegrationEventDeliveries>();
        (await deliveries.ListParkedAsync(10, CancellationToken.None)).Should().ContainSingle().Which.Should().Match<ParkedDelivery>(
            p => p.EventId == poisonEvent.Id && p.Handler == FailingUpdateHandler.Identity && p.ProviderId == id && p.Attempts == 2 && p.EventType == "ProviderUpdated");

        // A later event of the provider does not wait behind the parked one.
        using (var after = await client.UpdateTwilioProviderAsync(id, new { name = "After" }))
        {
            after.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await EventuallyAsync(() => Task.FromResult(failing.Taken.Any(e => e.Name == "After")), "the next event reached the handler past the parked one");

        // The operator retries once the handler is fixed.
        failing.ShouldFail = (_, _) => false;
        (await deliveries.RetryParkedAsync(poisonEvent.Id, FailingUpdateHandler.Identity, CancellationToken.None)).Should().Be(1);
        await EventuallyAsync(
            async () => failing.Taken.Any(e => e.Name == "Poison") && (await Events.DeliveriesAsync(id)).Count == 0,
            "the retried delivery reached the handler and was deleted");

        failing.Taken.Select(e => e.Name).Should().Equal(["After", "Poison"]);
        failing.Taken[1].EventId.Should().Be(poisonEvent.Id);
        recorder.Events.OfType<ProviderUpdated>().Select(e => e.Name).Should().Equal(["Poison", "After"], "the retry concerned one handler only");
        (await deliveries.RetryParkedAsync(null, null, CancellationToken.None)).Should().Be(0, "nothing is parked any more");
    }
}
