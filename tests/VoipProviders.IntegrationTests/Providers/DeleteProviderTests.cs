using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Providers;

public sealed class DeleteProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Delete_answers_204_removes_the_provider_and_then_its_trunk_and_credential_list_in_Twilio()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var trunk = Twilio.Trunks.Single();
        var list = Twilio.CredentialLists.Single();

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0, "the row goes in the same commit");
        using (var get = await GetProviderAsync(id))
        {
            get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the clean-up job deleted the trunk and the credential list and finished");
        Twilio.Requests.Select(r => (r.Operation, r.Path, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.DeleteTrunk, $"/v1/Trunks/{trunk.Sid}", 204),
            (TwilioOperation.DeleteCredentialList, $"/2010-04-01/Accounts/{connected.Account.Sid}/SIP/CredentialLists/{list.Sid}.json", 204));
        Twilio.Requests.Should().AllSatisfy(r => r.AuthUser.Should().Be(connected.Account.Sid));
        (await Database.CountOutboxAsync()).Should().Be(0);
        await EventuallyAsync(async () => await Database.CountScheduledBackgroundJobsAsync() == 0, "the finished one-off job left the scheduler");
        await AssertSecretsNotLeakedAsync([connected.Account.AuthToken], connected.Account.Sid);
    }

    [Fact]
    public async Task A_second_delete_answers_404()
    {
        var id = await ConnectAsync();
        using (var first = await DeleteAsync(id))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var second = await DeleteAsync(id);

        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(second)).GetProperty("code").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task Deleting_another_organizations_provider_answers_404_and_removes_nothing_anywhere()
    {
        var id = await ConnectAsync(OrgA);
        var before = await Database.ProviderRowSnapshotAsync(id);
        await EventuallyAsync(async () => await Database.CountOutboxAsync() == 0, "the connect's reconciliation job reached the scheduler");

        using var response = await DeleteAsync(id, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
        (await Database.CountCleanupsAsync()).Should().Be(0);
        (await Database.CountOutboxAsync()).Should().Be(0);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Twilio.Requests.Should().BeEmpty();
        Twilio.Trunks.Should().ContainSingle();
    }

    [Fact]
    public async Task The_other_providers_of_the_organization_are_left_alone()
    {
        var kept = await ConnectAsync();
        var deleted = await ConnectAsync();
        var keptTrunk = await Database.ColumnAsync(kept, "trunk_sid");

        using var response = await DeleteAsync(deleted);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await EventuallyAsync(() => Task.FromResult(Twilio.Trunks.Count == 1), "the deleted provider's trunk is gone");
        Twilio.Trunks.Single().Sid.Should().Be(keptTrunk);
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Deleting_works_while_Twilio_is_down_and_the_clean_up_finishes_once_it_is_back()
    {
        var id = await ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        // The first run of the job meets an outage that outlasts the gateway's own retries; the job retries later.
        Twilio.EnqueueFaults(TwilioOperation.DeleteTrunk, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, "the HTTP response does not wait for Twilio");
        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0,
            "the job was retried after the outage and finished");
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Select(r => r.ResponseStatus)
            .Should().Equal([.. Enumerable.Repeat(503, VoipProvidersApiFactory.MaxRetryAttempts + 1), 204]);
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().AllSatisfy(r => r.Path.Should().EndWith(trunkSid));
        Twilio.CredentialLists.Should().BeEmpty();
        Fixture.Logs.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("will be retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trunk_already_deleted_in_Twilio_counts_as_done()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        await DeleteInTwilioConsoleAsync(connected.Account, $"/v1/Trunks/{Twilio.Trunks.Single().Sid}");

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await EventuallyAsync(async () => await Database.CountCleanupsAsync() == 0, "the clean-up finished");
        Twilio.Requests.Select(r => (r.Operation, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.DeleteTrunk, 404),
            (TwilioOperation.DeleteCredentialList, 204));
        Twilio.CredentialLists.Should().BeEmpty();
    }

    [Fact]
    public async Task When_Twilio_keeps_rejecting_the_stored_credentials_the_clean_up_stops_and_says_what_to_delete_by_hand()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var listSid = Twilio.CredentialLists.Single().Sid;
        var newToken = NewToken();
        Twilio.SetAuthToken(connected.Account.Sid, newToken); // rotated in the Twilio Console after the deletion was decided

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await EventuallyAsync(
            async () => (await Database.CleanupOfProviderAsync(id))?.Contains("\"status\":\"abandoned\"", StringComparison.Ordinal) == true,
            "the clean-up gave up");
        await Task.Delay(TimeSpan.FromSeconds(2)); // any further retry would have happened by now
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().HaveCount(VoipProvidersApiFactory.CleanupMaxAttemptsWhenCredentialsRejected)
            .And.AllSatisfy(r => r.ResponseStatus.Should().Be(401));
        Twilio.Trunks.Should().ContainSingle(t => t.Sid == trunkSid, "nothing could be deleted");
        var cleanup = JsonDocument.Parse((await Database.CleanupOfProviderAsync(id))!).RootElement;
        cleanup.GetProperty("auth_token_protected").ValueKind.Should().Be(JsonValueKind.Null, "an abandoned clean-up drops the credentials");
        cleanup.GetProperty("trunk_sid").GetString().Should().Be(trunkSid);
        cleanup.GetProperty("last_failure").GetString().Should().StartWith("twilio_credentials_rejected");
        var warning = Fixture.Logs.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Message.Contains("stopped cleaning up", StringComparison.Ordinal)).Subject;
        warning.Message.Should().Contain(trunkSid).And.Contain(listSid).And.Contain(connected.Account.Sid);
        await AssertSecretsNotLeakedAsync([connected.Account.AuthToken, newToken], connected.Account.Sid);
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_deletes_nothing()
    {
        var id = await ConnectAsync();
        var stale = await ETagOfAsync(id);
        using (var rename = await UpdateAsync(id, new { name = "Renamed meanwhile" }))
        {
            rename.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await DeleteAsync(id, ifMatch: stale);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("precondition_failed");
        (await Database.CountProvidersAsync()).Should().Be(1);
        (await Database.CountCleanupsAsync()).Should().Be(0);
        (await Database.CountOutboxExceptReconciliationsAsync()).Should().Be(0, "no clean-up job was queued");
    }

    [Fact]
    public async Task The_current_ETag_in_If_Match_lets_the_delete_through()
    {
        var id = await ConnectAsync();

        using var response = await DeleteAsync(id, ifMatch: await ETagOfAsync(id));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_recorded_job_carries_ids_only_and_the_clean_up_keeps_the_token_encrypted()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var cleanup = JsonDocument.Parse((await Database.CleanupOfProviderAsync(id))!).RootElement;
        cleanup.GetProperty("status").GetString().Should().Be("pending");
        UnprotectAuthToken(id, cleanup.GetProperty("auth_token_protected").GetString()!).Should().Be(connected.Account.AuthToken);
        var stored = await Database.DumpSchemaAsync();
        stored.Should().Contain(cleanup.GetProperty("id").GetString()!, "the job names its clean-up");
        await AssertSecretsNotLeakedAsync([connected.Account.AuthToken], connected.Account.Sid);
    }
}
