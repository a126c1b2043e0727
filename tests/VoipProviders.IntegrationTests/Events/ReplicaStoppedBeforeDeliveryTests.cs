using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Issue 19 §3: a replica that commits a change and stops before delivering its events loses nothing — the deliveries
/// stay pending in the database and another replica delivers them, once per handler, then deletes them.
/// </summary>
public sealed class ReplicaStoppedBeforeDeliveryTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task Events_committed_on_a_replica_that_stops_before_delivering_are_delivered_once_per_handler_by_another()
    {
        // No replica delivers yet: the shared host's jobs are paused and the committing replica runs none.
        await Fixture.PauseBackgroundJobsAsync();
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550111");
        var stoppedRecorder = new RecordingEventHandler();
        await using (var committing = await Fixture.StartHostAsync(
            new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false" },
            stoppedRecorder.RegisterIn))
        {
            var client = committing.ClientFor(OrgA);
            using (var renamed = await client.UpdateTwilioProviderAsync(id, new { name = "Renamed before the crash" }))
            {
                renamed.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            using (var imported = await client.PostAsJsonAsync($"{TwilioProvidersPath}/{id}/import-numbers", new { phoneNumberSids = new[] { number.Sid } }))
            {
                imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
            }

            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var pending = await Events.DeliveriesAsync(id);
            pending.Select(d => (d.Handler, d.Status, d.Attempts)).Should().BeEquivalentTo(
                [(RecordingEventHandler.Identity, DeliveryRow.Pending, 0), (typeof(FakeAgentsModule).FullName!, DeliveryRow.Pending, 0)],
                "the change committed with one delivery per subscribed handler, and nobody delivered it");
            stoppedRecorder.Events.Should().BeEmpty();
            committing.Services.GetRequiredService<FakeAgentsModule>().Events.Should().BeEmpty();
            Agents.Events.Should().BeEmpty();
        }

        // The replica is gone; another one, running jobs, takes over.
        var recorder = new RecordingEventHandler();
        await using var takingOver = await Fixture.StartHostAsync(testServices: recorder.RegisterIn);
        var agents = takingOver.Services.GetRequiredService<FakeAgentsModule>();

        await EventuallyAsync(async () => (await Events.DeliveriesAsync(id)).Count == 0, "the other replica delivered every pending event and deleted its deliveries");

        var stored = await Events.EventsAsync(id);
        var updated = stored.Single(e => e.EventType == "ProviderUpdated");
        var importedEvent = stored.Single(e => e.EventType == "PhoneNumbersImported");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        recorder.Events.Should().ContainSingle("delivered exactly once to the recording handler").Which.Should().BeOfType<ProviderUpdated>()
            .Which.Should().Match<ProviderUpdated>(e => e.EventId == updated.Id && e.Sequence == updated.Sequence && e.Name == "Renamed before the crash");
        agents.Events.Should().ContainSingle("delivered exactly once to the agents module").Which.Should().BeOfType<PhoneNumbersImported>()
            .Which.EventId.Should().Be(importedEvent.Id);
        stoppedRecorder.Events.Should().BeEmpty();
        Agents.Events.Should().BeEmpty("the paused shared host delivered nothing");
    }

    [Fact]
    public async Task Events_committed_while_every_replica_is_paused_are_delivered_once_when_one_resumes()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550112");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        using (var removed = await RemoveNumberAsync(id, numberId))
        {
            removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await Events.DeliveriesAsync(id)).Select(d => (d.Sequence, d.Status)).Should().Equal([(2L, DeliveryRow.Pending), (3L, DeliveryRow.Pending)]);
        Agents.Events.Should().BeEmpty();

        // Resume the shared host's background work (as its replica coming back), without emptying the database.
        var scheduler = await Fixture.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        await scheduler.Start();

        await EventuallyAsync(async () => (await Events.DeliveriesAsync(id)).Count == 0, "the resumed replica delivered the pending events");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Agents.Events.Select(e => (e.GetType().Name, e.Sequence)).Should().Equal([("PhoneNumbersImported", 2L), ("PhoneNumberRemoved", 3L)], "each once, in order");
    }
}
