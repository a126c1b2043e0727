using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Commits that move a provider's version stamp its row with their id (ADR-004): the stamp, not a commit marker, tells
/// whether a commit whose answer was lost took effect, so a rotation is one short transaction — its UPDATE batched with
/// its audit record and event (ADR-015) — and no marker. The judgement must be exact: "the row is at the version I
/// wrote" is also what a concurrent change that won produces.
/// </summary>
public sealed class CommitStampTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly Dictionary<string, string> VerifyAfterChanges = new() { ["Verification:VerifyAfterChanges"] = "true" };
    private const string VerificationJob = "provider-verification-after-change";

    [Fact]
    public async Task A_rotation_commits_its_update_audit_record_and_event_in_one_batch_that_stamps_the_row_and_writes_no_marker()
    {
        var recorder = new CommitShapeRecorder();
        await using var host = await Fixture.StartHostInterceptingAsync(recorder);
        var (id, newToken) = await ConnectWithNewTokenAsync();
        var markersBefore = await Database.CountCommitMarkersAsync();
        (await Database.ColumnAsync(id, "last_commit_id")).Should().BeNull("a connect inserts the row; its marker is the evidence");
        await LoadFingerprintKeyAsync(host); // made once per deployment, not by the commit recorded here
        recorder.Start();

        using var response = await RotateOnAsync(host, id, newToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var write = recorder.Writes.Should().ContainSingle("EF Core batches the UPDATE with the audit record and the event").Subject;
        write.Sql.Should().Contain("UPDATE voip_providers.twilio_providers SET")
            .And.Contain("INSERT INTO voip_providers.audit_events")
            .And.Contain("INSERT INTO voip_providers.integration_events")
            .And.NotContain("unit_of_work_commits");
        write.InTransaction.Should().BeTrue("the change, its audit record and its event are stored together or not at all");
        recorder.TransactionsStarted.Should().Be(1);
        (await Database.CountCommitMarkersAsync()).Should().Be(markersBefore);
        (await Database.ColumnAsync(id, "version")).Should().Be("2");
        var firstStamp = await Database.ColumnAsync(id, "last_commit_id");
        firstStamp.Should().NotBeNull();

        using var second = await RotateOnAsync(host, id, newToken);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Database.ColumnAsync(id, "last_commit_id")).Should().NotBeNull().And.NotBe(firstStamp, "each commit stamps its own id");
    }

    [Fact]
    public async Task A_rotation_that_queues_its_verification_commits_both_in_one_transaction_without_a_marker()
    {
        var recorder = new CommitShapeRecorder();
        await using var host = await Fixture.StartHostInterceptingAsync(recorder, VerifyAfterChanges);
        var (id, newToken) = await ConnectWithNewTokenAsync();
        await Fixture.PauseBackgroundJobsAsync(); // the queued job is not run before it is counted
        var markersBefore = await Database.CountCommitMarkersAsync();
        await LoadFingerprintKeyAsync(host); // made once per deployment, not by the commit recorded here
        recorder.Start();

        using var response = await RotateOnAsync(host, id, newToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        recorder.Writes.Should().ContainSingle().Which.InTransaction.Should().BeTrue("EF Core batches the UPDATE, the job's INSERT, the audit record and the event in its own transaction");
        recorder.Writes[0].Sql.Should().Contain("UPDATE voip_providers.twilio_providers SET").And.Contain("INSERT INTO voip_providers.background_job_outbox")
            .And.Contain("INSERT INTO voip_providers.audit_events").And.Contain("INSERT INTO voip_providers.integration_events");
        recorder.TransactionsStarted.Should().Be(1);
        (await Database.CountCommitMarkersAsync()).Should().Be(markersBefore);
        (await Database.CountQueuedJobsAsync(VerificationJob)).Should().Be(1);
    }

    [Fact]
    public async Task A_rotation_and_its_verification_job_whose_commit_answer_is_lost_answer_200_with_one_job()
    {
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor, VerifyAfterChanges);
        var (id, newToken) = await ConnectWithNewTokenAsync();
        await Fixture.PauseBackgroundJobsAsync(); // the queued job is not run before it is counted
        interceptor.LoseAnswerOfNextCommits();

        using var response = await RotateOnAsync(host, id, newToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "version")).Should().Be("2", "the commit was judged by the stamp, not replayed");
        (await Database.CountQueuedJobsAsync(VerificationJob)).Should().Be(1, "the save was not replayed");
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
    }

    [Fact]
    public async Task A_rotation_whose_update_never_reached_the_server_is_sent_again_and_applied_once()
    {
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        var (id, newToken) = await ConnectWithNewTokenAsync();
        interceptor.FailNextCommitsBeforeTheServer();

        using var response = await RotateOnAsync(host, id, newToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "version")).Should().Be("2");
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
    }

    [Fact]
    public async Task A_rotation_lost_on_the_wire_after_a_concurrent_rotation_won_answers_409_and_keeps_the_winners_token()
    {
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var loserToken = NewToken();
        var winnerToken = NewToken();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Held before its UPDATE leaves: the loser's transaction holds no lock the winner would wait for.
        var held = interceptor.HoldNextProviderUpdateBeforeItLeaves(release.Task);
        interceptor.FailNextCommitsBeforeTheServer();

        // The account's token changes between the two validations: each rotation validates the token it stores.
        Twilio.SetAuthToken(builder.Account.Sid, loserToken);
        var loser = RotateOnAsync(host, id, loserToken);
        try
        {
            await held.WaitAsync(TimeSpan.FromSeconds(20));
            Twilio.SetAuthToken(builder.Account.Sid, winnerToken);
            using var winner = await RotateAsync(id, new { authToken = winnerToken });
            winner.StatusCode.Should().Be(HttpStatusCode.OK, "it read the same version and committed first");
        }
        finally
        {
            // Released whatever happened, so a failure here does not leave the loser's request (and its connection) hanging.
            release.TrySetResult();
        }

        using var response = await loser;

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, "the row is at the version the loser wrote, but the stamp is the winner's: 200 would be a lie");
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("concurrent_update");
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "version")).Should().Be("2");
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(winnerToken);
    }

    [Fact]
    public async Task A_rotation_whose_answer_is_lost_and_whose_row_changes_again_before_the_check_answers_503_commit_outcome_unknown()
    {
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        var (id, newToken) = await ConnectWithNewTokenAsync();
        // Someone renames the provider between the rotation's commit and the check: the stamp is no longer the rotation's.
        interceptor.LoseAnswerOfNextCommits(meanwhile: async () =>
        {
            using var rename = await UpdateAsync(id, new { name = "Renamed meanwhile" });
            rename.StatusCode.Should().Be(HttpStatusCode.OK);
        });

        using var response = await RotateOnAsync(host, id, newToken);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("commit_outcome_unknown");
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "version")).Should().Be("3", "the rotation did commit, then the rename");
        (await Database.ColumnAsync(id, "name")).Should().Be("Renamed meanwhile");
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
    }

    [Fact]
    public async Task A_verification_result_leaves_the_stamp_alone()
    {
        var (id, newToken) = await ConnectWithNewTokenAsync();
        using (var rotated = await RotateAsync(id, new { authToken = newToken }))
        {
            rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var stamp = await Database.ColumnAsync(id, "last_commit_id");

        using var verified = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", content: null);

        verified.StatusCode.Should().Be(HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        (await Database.ColumnAsync(id, "version")).Should().Be("2");
        (await Database.ColumnAsync(id, "last_commit_id")).Should().Be(stamp, "the stamp moves with the version only; otherwise a rotation's lost answer would be judged 'not committed'");
    }

    private async Task<(Guid Id, string NewToken)> ConnectWithNewTokenAsync()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        Twilio.SetAuthToken(builder.Account.Sid, newToken);
        return (id, newToken);
    }

    /// <summary>Has the host load (or make) the audit's fingerprint key, a one-off of the deployment rather than part of a commit.</summary>
    private static Task LoadFingerprintKeyAsync(TestHost host) =>
        host.Services.GetRequiredService<ISecretFingerprint>().OfAsync("warm-up", CancellationToken.None);

    private static Task<HttpResponseMessage> RotateOnAsync(TestHost host, Guid id, string newToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{TwilioProvidersPath}/{id}/auth-token")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { authToken = newToken }),
        };
        return host.ClientFor(OrgA).SendAsync(request);
    }
}
