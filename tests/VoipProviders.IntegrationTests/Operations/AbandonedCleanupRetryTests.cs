using System.Net;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Issue #23 §4: an operator retries an abandoned clean-up. It runs again as a durable job with the credentials of the
/// organization's provider now connected to the same Twilio account, and deletes exactly what the deleted provider left.
/// </summary>
public sealed class AbandonedCleanupRetryTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string CleanupsPath = BackgroundWorkEndpointTests.BackgroundWorkPath + "/abandoned-cleanups";

    [Fact]
    public async Task A_retried_clean_up_deletes_the_trunk_and_credential_list_with_the_reconnected_accounts_token()
    {
        var (deleted, deletedId, trunkSid, listSid, newToken) = await AbandonCleanupAsync();
        var (cleanupId, listBody) = await SingleAbandonedCleanupAsync();
        using var operations = OperatorClient();

        // Nothing to delete with yet: the account is connected nowhere in the organization.
        using (var refused = await operations.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "cleanup_credentials_unavailable");
        }

        var reconnected = await NewProvider().ForAccount(deleted.Account with { AuthToken = newToken }).ConnectAsync();
        var newTrunkSid = Twilio.Trunks.Single(t => t.Sid != trunkSid).Sid;
        Twilio.ClearRequests();

        using var retried = await operations.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null);

        var body = await retried.Content.ReadAsStringAsync();
        retried.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var result = await ReadJsonAsync(retried);
        result.GetProperty("id").GetGuid().Should().Be(cleanupId);
        result.GetProperty("status").GetString().Should().Be("pending");
        result.GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        result.GetProperty("credentialListSid").GetString().Should().Be(listSid);
        result.GetProperty("credentialsFromProviderId").GetGuid().Should().Be(reconnected);
        await EventuallyAsync(async () => await Database.CountCleanupsAsync() == 0, "the retried clean-up finished");
        Twilio.Requests.Select(r => (r.Operation, r.Method, r.Path, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.DeleteTrunk, "DELETE", $"/v1/Trunks/{trunkSid}", 204),
            (TwilioOperation.DeleteCredentialList, "DELETE", $"/2010-04-01/Accounts/{deleted.Account.Sid}/SIP/CredentialLists/{listSid}.json", 204));
        Twilio.Requests.Should().AllSatisfy(r => r.AuthTokenUsed.Should().Be(EmulatedAuthTokenKind.Primary));
        Twilio.Trunks.Select(t => t.Sid).Should().Equal([newTrunkSid], "the reconnected provider's trunk is not the clean-up's business");
        using (var listed = await operations.GetAsync(CleanupsPath))
        {
            (await ReadJsonAsync(listed)).GetProperty("totalCount").GetInt32().Should().Be(0);
        }

        using (var audit = await ClientFor(OrgA).GetAsync($"/api/v1/audit-events?action=provider.cleanup.retried&providerId={deletedId}"))
        {
            var record = (await ReadJsonAsync(audit)).GetProperty("items").EnumerateArray().Should().ContainSingle("the tenant sees who retried what").Subject;
            record.GetProperty("actor").GetProperty("type").GetString().Should().Be("service");
            record.GetProperty("details").GetProperty("cleanupId").GetGuid().Should().Be(cleanupId);
            record.GetProperty("details").GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        }

        using (var again = await operations.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        await AssertSecretsNotLeakedAsync([deleted.Account.AuthToken, newToken], deleted.Account.Sid, body, listBody);
    }

    [Fact]
    public async Task A_clean_up_that_is_still_trying_is_not_retried_409()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var id = await ConnectAsync();
        (await DeleteAsync(id)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var cleanupId = Guid.Parse(System.Text.Json.JsonDocument.Parse((await Database.CleanupOfProviderAsync(id))!).RootElement.GetProperty("id").GetString()!);
        var outboxBefore = await Database.CountOutboxAsync();
        using var operations = OperatorClient();

        using var response = await operations.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "cleanup_not_abandoned");
        (await Database.CountOutboxAsync()).Should().Be(outboxBefore, "no second job was queued");
    }

    [Fact]
    public async Task An_unknown_clean_up_is_404_a_malformed_id_400_and_only_operators_may_retry()
    {
        var cleanupId = await new StuckWork(Fixture.ConnectionString).AbandonedCleanupAsync(
            OrgA, TimeSpan.FromHours(1), BackgroundWorkEndpointTests.Sid("TK", 'a'), BackgroundWorkEndpointTests.Sid("CL", 'a'));
        using var operations = OperatorClient();
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        using var anonymous = Fixture.InternalClient(null);

        using (var unknown = await operations.PostAsync($"{CleanupsPath}/{Guid.CreateVersion7()}/retry", null))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        using (var malformed = await operations.PostAsync($"{CleanupsPath}/not-an-id/retry", null))
        {
            var problem = await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            problem.GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
        }

        (await anonymous.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sip.PostAsync($"{CleanupsPath}/{cleanupId}/retry", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Database.CountOutboxAsync()).Should().Be(0, "nothing was queued");
        Twilio.Requests.Should().BeEmpty();
    }

    /// <summary>
    /// Connects a provider, rotates its token "in the Twilio Console" and deletes it: the clean-up is refused until it
    /// gives up (ADR-006), leaving the trunk and the credential list in the account.
    /// </summary>
    private async Task<(ProviderBuilder Deleted, Guid DeletedId, string TrunkSid, string ListSid, string NewToken)> AbandonCleanupAsync()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var (trunkSid, listSid) = (Twilio.Trunks.Single().Sid, Twilio.CredentialLists.Single().Sid);
        var newToken = NewToken();
        Twilio.SetAuthToken(connected.Account.Sid, newToken);
        (await DeleteAsync(id)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await EventuallyAsync(
            async () => (await Database.CleanupOfProviderAsync(id))?.Contains("\"status\":\"abandoned\"", StringComparison.Ordinal) == true,
            "the clean-up gave up");
        Twilio.Trunks.Should().ContainSingle(t => t.Sid == trunkSid);
        return (connected, id, trunkSid, listSid, newToken);
    }

    private async Task<(Guid Id, string Body)> SingleAbandonedCleanupAsync()
    {
        using var operations = OperatorClient();
        using var listed = await operations.GetAsync(CleanupsPath);
        var body = await listed.Content.ReadAsStringAsync();
        var item = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        return (Guid.Parse(item.GetProperty("id").GetString()!), body);
    }

    private HttpClient OperatorClient() => Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: BackgroundWorkEndpointTests.OperationsScope));
}
