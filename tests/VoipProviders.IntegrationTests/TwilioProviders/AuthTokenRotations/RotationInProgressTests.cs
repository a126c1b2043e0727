using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20: while a managed rotation runs, every credential change, the deletion and a second rotation answer 409
/// <c>rotation_in_progress</c> and change nothing — not the row, not Twilio, not the audit trail. The shared host's jobs
/// are paused, so the rotation stays <c>running</c> at <c>creating_secondary</c>.
/// </summary>
public sealed class RotationInProgressTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    public static TheoryData<string> BlockedChanges => new()
    {
        "patch auth-token (the current token)",
        "patch auth-token (a new token)",
        "put a rename",
        "put call transfer",
        "rotate the SIP credential",
        "delete the provider",
        "start a second rotation",
        "start a second rotation (other propagation delay)",
    };

    [Theory]
    [MemberData(nameof(BlockedChanges))]
    public async Task A_change_while_a_rotation_runs_answers_409_rotation_in_progress_and_changes_nothing(string change)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(id);
        var newToken = NewToken();
        var audit = new AuditRows(Fixture.ConnectionString);
        var auditBefore = await audit.IdsAsync();
        var rowBefore = await Database.ProviderRowSnapshotAsync(id);
        var rotationsBefore = await Rotations.OfProviderAsync(id);
        var etagBefore = await ETagOfAsync(id);
        Twilio.ClearRequests();

        using var response = change switch
        {
            "patch auth-token (the current token)" => await RotateAsync(id, new { authToken = provider.Account.AuthToken }),
            "patch auth-token (a new token)" => await RotateAsync(id, new { authToken = newToken }),
            "put a rename" => await UpdateAsync(id, new { name = "Renamed while rotating" }),
            "put call transfer" => await UpdateAsync(id, new { supportsCallTransfer = true }),
            "rotate the SIP credential" => await ClientFor().RotateSipCredentialAsync(id),
            "delete the provider" => await DeleteAsync(id),
            "start a second rotation" => await StartRotationAsync(id),
            "start a second rotation (other propagation delay)" => await StartRotationAsync(id, StartBody(120)),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("rotation_in_progress", body);
        problem.GetProperty("status").GetInt32().Should().Be(409);

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore, "the row was not written at all");
        (await ETagOfAsync(id)).Should().Be(etagBefore, "the version did not move");
        (await Rotations.OfProviderAsync(id)).Should().Equal(rotationsBefore, "no second rotation, and the running one is untouched");
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().Be(rotationId);
        Twilio.Requests.Should().BeEmpty("a refused change never reaches Twilio");
        (await audit.IdsAsync()).Should().BeEquivalentTo(auditBefore, "a 409 leaves no audit record");
        (await Database.CountProvidersAsync()).Should().Be(1, "the provider was not deleted");
        (await Database.CountCleanupsAsync()).Should().Be(0, "no clean-up of its Twilio resources was planned");
        Twilio.GetAuthToken(provider.Account.Sid).Should().Be(provider.Account.AuthToken);
        (await StoredTokenAsync(id)).Should().Be(provider.Account.AuthToken);
        body.Should().NotContain(provider.Account.AuthToken).And.NotContain(newToken);
    }

    [Fact]
    public async Task Starting_a_rotation_moves_the_version_so_an_ETag_read_before_it_is_refused_not_silently_accepted()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var etagBefore = await ETagOfAsync(id);
        var versionBefore = (await Rotations.ProviderAsync(id)).Version;

        var rotationId = await StartAcceptedAsync(id);

        (await Rotations.ProviderAsync(id)).Version.Should().Be(versionBefore + 1, "the start marks the provider as rotating");
        var etagWhileRunning = await ETagOfAsync(id);
        etagWhileRunning.Should().NotBe(etagBefore);
        var rowWhileRunning = await Database.ProviderRowSnapshotAsync(id);
        Twilio.ClearRequests();

        using (var patch = await RotateAsync(id, new { authToken = provider.Account.AuthToken }, ifMatch: etagBefore))
        {
            patch.StatusCode.Should().Be(HttpStatusCode.Conflict, await patch.Content.ReadAsStringAsync());
            (await ProblemCodeAsync(patch)).Should().Be("rotation_in_progress");
        }

        using (var patch = await RotateAsync(id, new { authToken = provider.Account.AuthToken }, ifMatch: etagWhileRunning))
        {
            patch.StatusCode.Should().Be(HttpStatusCode.Conflict, "even the current ETag does not let a credential change past a running rotation");
            (await ProblemCodeAsync(patch)).Should().Be("rotation_in_progress");
        }

        using (var put = await UpdateAsync(id, new { name = "Renamed" }, ifMatch: etagBefore))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await ProblemCodeAsync(put)).Should().Be("rotation_in_progress");
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowWhileRunning);
        Twilio.Requests.Should().BeEmpty();

        // Once it ended (cancelled here), both ETags held during the rotation are stale: 412, never a silent success.
        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        }

        (await Rotations.ProviderAsync(id)).Version.Should().Be(versionBefore + 2, "the end of the rotation moves the version again");
        var rowAfterCancel = await Database.ProviderRowSnapshotAsync(id);
        foreach (var stale in new[] { etagBefore, etagWhileRunning })
        {
            using var patch = await RotateAsync(id, new { authToken = provider.Account.AuthToken }, ifMatch: stale);
            patch.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, await patch.Content.ReadAsStringAsync());
            (await ProblemCodeAsync(patch)).Should().Be("precondition_failed");
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowAfterCancel);
        Twilio.Requests.Should().BeEmpty("a stale If-Match is refused before Twilio is asked");

        using var current = await RotateAsync(id, new { authToken = provider.Account.AuthToken }, ifMatch: await ETagOfAsync(id));
        current.StatusCode.Should().Be(HttpStatusCode.OK, "the current ETag works once no rotation runs");
    }

    [Fact]
    public async Task The_provider_shows_the_running_rotation_until_it_ends()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();

        using (var before = await GetTwilioProviderAsync(id))
        {
            (await ReadJsonAsync(before)).GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(JsonValueKind.Null);
        }

        var rotationId = await StartAcceptedAsync(id);

        using (var get = await GetTwilioProviderAsync(id))
        {
            get.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadJsonAsync(get)).GetProperty("activeAuthTokenRotationId").GetGuid().Should().Be(rotationId);
        }

        using (var generic = await GetProviderAsync(id))
        {
            generic.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadJsonAsync(generic)).GetProperty("activeAuthTokenRotationId").GetGuid().Should().Be(rotationId, "GET /providers/{id} answers the same provider");
        }

        var rotation = await GetRotationAsync(id, rotationId);
        rotation.GetProperty("status").GetString().Should().Be("running");
        rotation.GetProperty("step").GetString().Should().Be("creating_secondary", "the shared host's jobs are paused");
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().Be(rotationId);

        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var after = await GetTwilioProviderAsync(id);
        (await ReadJsonAsync(after)).GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(JsonValueKind.Null);
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().BeNull();
    }

    [Fact]
    public async Task Once_the_rotation_ended_the_changes_it_blocked_are_allowed_again()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(id);
        using (var blocked = await UpdateAsync(id, new { name = "Renamed" }))
        {
            blocked.StatusCode.Should().Be(HttpStatusCode.Conflict);
        }

        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var renamed = await UpdateAsync(id, new { name = "Renamed" }))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
            (await ReadJsonAsync(renamed)).GetProperty("name").GetString().Should().Be("Renamed");
        }

        using (var sip = await ClientFor().RotateSipCredentialAsync(id))
        {
            sip.StatusCode.Should().Be(HttpStatusCode.OK, await sip.Content.ReadAsStringAsync());
        }

        using var deleted = await DeleteAsync(id);
        deleted.IsSuccessStatusCode.Should().BeTrue(await deleted.Content.ReadAsStringAsync());
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.RequestsFor(TwilioOperation.CreateSecondaryAuthToken).Should().BeEmpty("the cancelled rotation never ran a step");
    }
    [Fact]
    public async Task Of_several_racing_starts_one_wins_and_the_others_answer_409_rotation_in_progress()
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var versionBefore = (await Rotations.ProviderAsync(id)).Version;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StartRotationAsync(id)));
        var outcomes = new List<(HttpStatusCode Status, string Body)>();
        foreach (var response in responses)
        {
            using (response)
            {
                outcomes.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        var summary = string.Join("\n", outcomes.Select(o => $"{(int)o.Status} {o.Body}"));
        outcomes.Count(o => o.Status == HttpStatusCode.Accepted).Should().Be(1, summary);
        outcomes.Where(o => o.Status != HttpStatusCode.Accepted).Should().AllSatisfy(o =>
        {
            o.Status.Should().Be(HttpStatusCode.Conflict, o.Body);
            JsonDocument.Parse(o.Body).RootElement.GetProperty("code").GetString().Should().Be(
                "rotation_in_progress",
                "a start that lost the race to another start is told a rotation runs (AuthTokenRotationConfiguration: 'the loser gets 409 rotation_in_progress'): {0}",
                o.Body);
        });
        var winner = JsonDocument.Parse(outcomes.Single(o => o.Status == HttpStatusCode.Accepted).Body).RootElement.GetProperty("id").GetGuid();
        (await Rotations.OfProviderAsync(id)).Should().ContainSingle().Which.Id.Should().Be(winner);
        var provider = await Rotations.ProviderAsync(id);
        provider.ActiveRotationId.Should().Be(winner);
        provider.Version.Should().Be(versionBefore + 1);
        (await new AuditRows(Fixture.ConnectionString).CountAsync("provider.auth_token.rotation.started")).Should().Be(1);
    }

    [Fact]
    public async Task Deleting_the_provider_right_after_a_cancel_still_deletes_the_cancelled_rotations_secondary_from_Twilio()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var rotationId = await StartAcceptedAsync(id, StartBody(300));
        await WaitUntilStepAsync(id, rotationId, "waiting");
        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().NotBeNull("the rotation created its secondary");

        // The clean-up of the secondary has not run yet (its replica is paused, or Twilio was briefly down) when the
        // tenant, the rotation being cancelled, deletes the provider: nothing refuses that.
        await Fixture.PauseBackgroundJobsAsync();
        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await Rotations.OfProviderAsync(id)).Single().CleanupPending.Should().BeTrue();
        using (var deleted = await DeleteAsync(id))
        {
            deleted.IsSuccessStatusCode.Should().BeTrue(await deleted.Content.ReadAsStringAsync());
        }

        await (await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();
        await EventuallyAsync(
            async () => await Database.CountQueuedJobsAsync("clean-up-auth-token-rotation") == 0 && Twilio.Trunks.Count == 0,
            "the secondary's clean-up and the provider's clean-up ran");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().BeNull(
            "the module created that secondary and promised to delete it (DELETE of a rotation: 'the secondary token the rotation created is deleted from Twilio by a durable job'); deleting the provider must not leave a live Auth Token nobody knows of in the tenant's account");
    }
}
