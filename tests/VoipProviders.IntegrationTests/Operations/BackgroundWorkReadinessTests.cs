using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Issue #23 §1 (ADR-021): <c>/health/ready</c> reports this replica's job engine and the outbox, names the check that
/// failed, and recovers when the cause is gone.
/// </summary>
public sealed class BackgroundWorkReadinessTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_job_engine_in_standby_makes_the_replica_unready_until_it_runs_again()
    {
        var scheduler = await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using var client = Fixture.AnonymousClient();

        await scheduler.Standby();
        var (stopped, stoppedReport) = await ReadyAsync(client);
        await scheduler.Start();
        var (running, runningReport) = await ReadyAsync(client);

        stopped.Should().Be(HttpStatusCode.ServiceUnavailable);
        stoppedReport.GetProperty("status").GetString().Should().Be("Unhealthy");
        var engine = Check(stoppedReport, "jobEngine");
        engine.GetProperty("status").GetString().Should().Be("Unhealthy");
        engine.GetProperty("description").GetString().Should().Contain("standby");
        Check(stoppedReport, "database").GetProperty("status").GetString().Should().Be("Healthy");
        Check(stoppedReport, "outbox").GetProperty("status").GetString().Should().Be("Healthy");
        running.Should().Be(HttpStatusCode.OK);
        Check(runningReport, "jobEngine").GetProperty("status").GetString().Should().Be("Healthy");
        Check(runningReport, "jobEngine").GetProperty("data").GetProperty("lastCheckinAgeSeconds").GetDouble().Should().BeLessThan(4, "checked in within twice the tests' 2 s interval");
    }

    [Fact]
    public async Task A_replica_whose_cluster_check_in_lapsed_is_unready()
    {
        // A check-in every 5 minutes: the row the test back-dates is not written again while it looks.
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string> { ["BackgroundJobs:ClusterCheckinInterval"] = "00:05:00" });
        var scheduler = await replica.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using var client = replica.AnonymousClient();
        await EventuallyAsync(async () => (await ReadyAsync(client)).Status == HttpStatusCode.OK, "the replica checked in");

        await using (var connection = new Npgsql.NpgsqlConnection(Fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE voip_providers.qrtz_scheduler_state SET last_checkin_time = @ticks WHERE instance_name = @instance", connection);
            command.Parameters.AddWithValue("ticks", DateTimeOffset.UtcNow.AddMinutes(-11).UtcTicks);
            command.Parameters.AddWithValue("instance", scheduler.SchedulerInstanceId);
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var (status, report) = await ReadyAsync(client);

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        var engine = Check(report, "jobEngine");
        engine.GetProperty("status").GetString().Should().Be("Unhealthy");
        // Read before the other replicas notice (then they remove its row, which reads as never having checked in).
        engine.GetProperty("description").GetString().Should().Contain("checked in with the cluster");
        scheduler.Status.Should().Be(SchedulerStatus.Running, "its engine runs: only its check-in lapsed");
    }

    [Fact]
    public async Task An_outbox_job_older_than_the_limit_makes_readiness_fail_naming_the_outbox_and_it_recovers_once_the_job_is_taken()
    {
        // No job engine takes the job: this host's is paused, and the replica under test runs none (its engine check passes).
        await Fixture.PauseBackgroundJobsAsync();
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["BackgroundJobs:Enabled"] = "false",
            ["BackgroundWork:OutboxMaxAge"] = "00:01:00",
        });
        using var client = replica.AnonymousClient();
        var stuck = new StuckWork(Fixture.ConnectionString);
        await stuck.OutboxJobAsync(TimeSpan.FromSeconds(30));
        var (young, _) = await ReadyAsync(client);
        await stuck.OutboxJobAsync(TimeSpan.FromMinutes(5));

        var (old, report) = await ReadyAsync(client);
        await stuck.EmptyOutboxAsync();
        var (emptied, _) = await ReadyAsync(client);

        young.Should().Be(HttpStatusCode.OK, "a job younger than the limit is not stuck");
        old.Should().Be(HttpStatusCode.ServiceUnavailable);
        var outbox = Check(report, "outbox");
        outbox.GetProperty("status").GetString().Should().Be("Unhealthy");
        outbox.GetProperty("data").GetProperty("count").GetInt32().Should().Be(2);
        outbox.GetProperty("data").GetProperty("oldestAgeSeconds").GetInt64().Should().BeInRange(300, 420);
        outbox.GetProperty("data").GetProperty("maxAgeSeconds").GetInt64().Should().Be(60);
        Check(report, "jobEngine").GetProperty("status").GetString().Should().Be("Healthy");
        Check(report, "jobEngine").GetProperty("description").GetString().Should().Contain("runs no background jobs");
        emptied.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Configured_not_to_fail_readiness_a_stale_outbox_reports_Degraded_with_200_and_a_limit_of_zero_turns_the_check_off()
    {
        await Fixture.PauseBackgroundJobsAsync();
        await using var degraded = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["BackgroundJobs:Enabled"] = "false",
            ["BackgroundWork:OutboxMaxAge"] = "00:01:00",
            ["BackgroundWork:OutboxAgeFailsReadiness"] = "false",
        });
        await using var off = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["BackgroundJobs:Enabled"] = "false",
            ["BackgroundWork:OutboxMaxAge"] = "00:00:00",
        });
        await new StuckWork(Fixture.ConnectionString).OutboxJobAsync(TimeSpan.FromHours(1));

        var (degradedStatus, degradedReport) = await ReadyAsync(degraded.AnonymousClient());
        var (offStatus, offReport) = await ReadyAsync(off.AnonymousClient());

        degradedStatus.Should().Be(HttpStatusCode.OK);
        degradedReport.GetProperty("status").GetString().Should().Be("Degraded");
        Check(degradedReport, "outbox").GetProperty("status").GetString().Should().Be("Degraded");
        offStatus.Should().Be(HttpStatusCode.OK);
        Check(offReport, "outbox").GetProperty("status").GetString().Should().Be("Healthy");
        Check(offReport, "outbox").GetProperty("description").GetString().Should().Contain("Not checked");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json", body);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Should().ContainSingle(c => c.GetProperty("name").GetString() == name).Subject;
}
