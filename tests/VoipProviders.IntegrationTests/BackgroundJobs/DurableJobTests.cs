using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.BackgroundJobs;

/// <summary>
/// The job engine as replicas see it: several hosts on one PostgreSQL, started and stopped while work is pending.
/// The fixture's own host is paused in these tests unless it is meant to take part.
/// </summary>
public sealed class DurableJobTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly Dictionary<string, string> NoJobsHere = new() { ["BackgroundJobs:Enabled"] = "false" };

    [Fact]
    public async Task The_recurring_jobs_keep_the_job_classes_the_store_named_before_the_reshape()
    {
        // During a rolling deploy the previous release's replicas load the stored class too: it must still exist there.
        var classes = await Database.StoredJobClassesAsync();

        classes["verification.verification-sweep"].Should().StartWith("VoipProviders.Infrastructure.BackgroundJobs.VerificationSweepJob,");
        classes["maintenance.expired-records-cleanup"].Should().StartWith("VoipProviders.Infrastructure.BackgroundJobs.ExpiredRecordsCleanupJob,");
        classes["voip-providers.outbox-dispatch"].Should().StartWith("VoipProviders.Infrastructure.BackgroundJobs.OutboxDispatchJob,");
    }

    [Fact]
    public async Task A_clean_up_committed_by_a_replica_that_then_stops_is_done_by_a_replica_started_afterwards()
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        await using (var committing = await Fixture.StartHostAsync(NoJobsHere))
        {
            using var client = committing.ClientFor(OrgA);
            using var response = await client.DeleteAsync($"{ProvidersPath}/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        // Committed, not yet done: the replica that committed is gone and no other one runs jobs.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await Database.CountCleanupsAsync()).Should().Be(1);
        Twilio.Trunks.Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty();

        await using var restarted = await Fixture.StartHostAsync();

        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the restarted replica picked the job up from the database and finished it");
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().ContainSingle();
        (await Database.CountOutboxAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_job_whose_commit_never_reached_the_scheduler_is_dispatched_from_the_outbox()
    {
        var id = await ConnectAsync();
        await EventuallyAsync(async () => await Database.CountOutboxAsync() == 0, "the connect's reconciliation job reached the scheduler");
        await Fixture.PauseBackgroundJobsAsync();
        using (var response = await DeleteAsync(id))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        // As if the process died between the commit and waking the dispatcher: only the outbox row is left.
        await Database.ExecuteAsync("DELETE FROM voip_providers.qrtz_triggers WHERE job_name = 'outbox-dispatch' AND trigger_name <> 'outbox-poll'");
        (await Database.CountOutboxAsync()).Should().Be(1);

        await using var replica = await Fixture.StartHostAsync();

        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the periodic outbox poll handed the job to the scheduler, which ran it");
        (await Database.CountOutboxAsync()).Should().Be(0);
    }

    [Fact]
    public async Task With_several_replicas_running_jobs_each_clean_up_runs_exactly_once()
    {
        const int providers = 8;
        var ids = new List<Guid>();
        for (var i = 0; i < providers; i++)
        {
            ids.Add(await ConnectAsync());
        }

        var trunks = Twilio.Trunks.Select(t => t.Sid).ToList();
        await using var second = await Fixture.StartHostAsync();
        await using var third = await Fixture.StartHostAsync();
        var hosts = new[] { second, third };

        var deletes = await Task.WhenAll(ids.Select((id, i) =>
            i % 3 == 0 ? DeleteAsync(id) : hosts[i % 3 - 1].ClientFor(OrgA).DeleteAsync($"{ProvidersPath}/{id}")));

        deletes.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.NoContent));
        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0, "every clean-up finished");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a duplicate run would show up by now
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Select(r => r.Path)
            .Should().BeEquivalentTo(trunks.Select(sid => $"/v1/Trunks/{sid}"), "each trunk is deleted once, by one replica");
        Twilio.RequestsFor(TwilioOperation.DeleteCredentialList).Should().HaveCount(providers);
    }
}
