using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Issue #23 §4: an operator sees stuck background work over the internal API (service token with scope
/// voip-providers.operations only) — how much of each kind, how old the oldest is, and the items themselves, paged,
/// with what to remove by hand.
/// </summary>
public sealed class BackgroundWorkEndpointTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    public const string BackgroundWorkPath = "/internal/v1/background-work";
    public const string OperationsScope = "voip-providers.operations";

    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(2);

    private StuckWork Stuck => new(Fixture.ConnectionString);

    [Fact]
    public async Task Every_kind_of_stuck_work_shows_up_with_its_count_and_the_age_of_its_oldest()
    {
        var providerId = await ConnectAsync();
        await EventuallyAsync(async () => await Database.CountOutboxAsync() == 0, "the connect's reconciliation job left the outbox");
        // Jobs stay in the outbox only while no job engine takes them.
        await Fixture.PauseBackgroundJobsAsync();
        await Stuck.VerificationOverdueAsync(providerId, TimeSpan.FromHours(5));
        await Stuck.OutboxJobAsync(TimeSpan.FromHours(1));
        await Stuck.OutboxJobAsync(TimeSpan.FromMinutes(1));
        await Stuck.ParkedDeliveryAsync(OrgA, TimeSpan.FromHours(2), "Agents.Handler");
        await Stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(3), Sid("TK", 'a'), Sid("CL", 'a'), Sid("PN", 'a'));
        await Stuck.ProvisioningIntentAsync(OrgA, TimeSpan.FromHours(4), "abandoned");
        await Stuck.ProvisioningIntentAsync(OrgB, TimeSpan.FromMinutes(1), "pending"); // within its grace: not stuck
        using var operations = OperatorClient();

        using var response = await operations.GetAsync(BackgroundWorkPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var categories = (await ReadJsonAsync(response)).GetProperty("categories").EnumerateArray()
            .ToDictionary(c => c.GetProperty("category").GetString()!, c => c);
        categories.Keys.Should().BeEquivalentTo("outbox", "parked-deliveries", "abandoned-cleanups", "provisioning-intents", "overdue-verifications");
        ShouldShow(categories["outbox"], 2, TimeSpan.FromHours(1));
        ShouldShow(categories["parked-deliveries"], 1, TimeSpan.FromHours(2));
        ShouldShow(categories["abandoned-cleanups"], 1, TimeSpan.FromHours(3));
        ShouldShow(categories["provisioning-intents"], 1, TimeSpan.FromHours(4));
        ShouldShow(categories["overdue-verifications"], 1, TimeSpan.FromHours(5));
    }

    [Fact]
    public async Task An_abandoned_clean_up_lists_the_SIDs_to_remove_by_hand_and_other_kinds_name_what_they_concern()
    {
        var providerId = await ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        await EventuallyAsync(async () => await Database.CountOutboxAsync() == 0, "the connect's reconciliation job left the outbox");
        await Fixture.PauseBackgroundJobsAsync();
        await Stuck.VerificationOverdueAsync(providerId, TimeSpan.FromHours(1));
        var jobId = await Stuck.OutboxJobAsync(TimeSpan.FromMinutes(30));
        var cleanupId = await Stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(3), Sid("TK", 'a'), Sid("CL", 'a'), Sid("PN", 'a'), Sid("PN", 'b'));
        var intentId = await Stuck.ProvisioningIntentAsync(OrgA, TimeSpan.FromHours(1), "reconciling");
        var eventId = await Stuck.ParkedDeliveryAsync(OrgA, TimeSpan.FromHours(2), "Agents.Handler");
        using var operations = OperatorClient();

        var cleanup = (await PageAsync(operations, "abandoned-cleanups")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        var intent = (await PageAsync(operations, "provisioning-intents")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        var parked = (await PageAsync(operations, "parked-deliveries")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        var overdue = (await PageAsync(operations, "overdue-verifications")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        var queued = (await PageAsync(operations, "outbox")).GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;

        cleanup.GetProperty("id").GetString().Should().Be(cleanupId.ToString());
        cleanup.GetProperty("status").GetString().Should().Be("abandoned");
        cleanup.GetProperty("organizationId").GetString().Should().Be(OrgA);
        cleanup.GetProperty("accountSid").GetString().Should().Be(StuckWork.AccountSid);
        cleanup.GetProperty("attempts").GetInt32().Should().Be(2);
        cleanup.GetProperty("lastFailure").GetString().Should().StartWith("twilio_credentials_rejected");
        cleanup.GetProperty("ageSeconds").GetInt64().Should().BeInRange(3 * 3600, 3 * 3600 + (long)Slack.TotalSeconds);
        Resources(cleanup).Should().Equal(("trunk", Sid("TK", 'a')), ("credentialList", Sid("CL", 'a')), ("phoneNumber", Sid("PN", 'a')), ("phoneNumber", Sid("PN", 'b')));
        intent.GetProperty("id").GetString().Should().Be(intentId.ToString());
        intent.GetProperty("status").GetString().Should().Be("reconciling");
        Resources(intent).Should().Equal(
            ("trunkDomainName", "vp-00000000000000aa.pstn.twilio.com"),
            ("trunkDomainName", "vp-00000000000000bb.pstn.twilio.com"),
            ("friendlyName", "VoipProviders vp-00000000000000aa"));
        parked.GetProperty("id").GetString().Should().Be(eventId.ToString());
        parked.GetProperty("attempts").GetInt32().Should().Be(10);
        Resources(parked).Should().Equal(("eventType", "PhoneNumbersImported"), ("handler", "Agents.Handler"));
        overdue.GetProperty("id").GetString().Should().Be(providerId.ToString());
        overdue.GetProperty("providerId").GetGuid().Should().Be(providerId);
        overdue.GetProperty("status").GetString().Should().Be("pending", "the provider's verification status");
        overdue.GetProperty("organizationId").GetString().Should().Be(OrgA);
        overdue.GetProperty("ageSeconds").GetInt64().Should().BeInRange(3600, 3600 + (long)Slack.TotalSeconds);
        Resources(overdue).Should().Equal(("trunk", trunkSid));
        queued.GetProperty("id").GetString().Should().Be(jobId.ToString());
        queued.GetProperty("status").GetString().Should().Be("queued");
        Resources(queued).Should().Equal(("job", "twilio-resource-cleanup"));
    }

    [Fact]
    public async Task A_list_is_paged_oldest_first_in_the_public_lists_envelope()
    {
        var oldest = await Stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(3), Sid("TK", '1'), Sid("CL", '1'));
        var middle = await Stuck.AbandonedCleanupAsync(OrgB, TimeSpan.FromHours(2), Sid("TK", '2'), Sid("CL", '2'));
        var newest = await Stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(1), Sid("TK", '3'), Sid("CL", '3'));
        using var operations = OperatorClient();

        var first = await PageAsync(operations, "abandoned-cleanups", "?take=2");
        var second = await PageAsync(operations, "abandoned-cleanups", "?skip=2&take=2");
        var past = await PageAsync(operations, "abandoned-cleanups", "?skip=5");

        Ids(first).Should().Equal(oldest.ToString(), middle.ToString());
        first.GetProperty("totalCount").GetInt32().Should().Be(3);
        first.GetProperty("skip").GetInt32().Should().Be(0);
        first.GetProperty("take").GetInt32().Should().Be(2);
        Ids(second).Should().Equal(newest.ToString());
        second.GetProperty("skip").GetInt32().Should().Be(2);
        Ids(past).Should().BeEmpty();
        past.GetProperty("totalCount").GetInt32().Should().Be(3);
        past.GetProperty("take").GetInt32().Should().Be(20, "the default page, as in the public lists");
    }

    [Theory]
    [InlineData("/abandoned-cleanups?take=0", "take")]
    [InlineData("/abandoned-cleanups?take=1001", "take")]
    [InlineData("/outbox?skip=-1", "skip")]
    [InlineData("/outbox?take=many", "take")]
    [InlineData("/stuck-things", "category")]
    public async Task Bad_input_answers_400_naming_the_field(string query, string field)
    {
        using var operations = OperatorClient();

        using var response = await operations.GetAsync(BackgroundWorkPath + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("validation_failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Only_a_service_token_with_the_operations_scope_may_look()
    {
        await Stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(1), Sid("TK", 'a'), Sid("CL", 'a'));
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        using var tenant = ClientFor(OrgA);
        using var anonymous = Fixture.InternalClient(null);

        (await anonymous.GetAsync(BackgroundWorkPath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"{BackgroundWorkPath}/abandoned-cleanups")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sip.GetAsync(BackgroundWorkPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sip.GetAsync($"{BackgroundWorkPath}/abandoned-cleanups")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenant.GetAsync(BackgroundWorkPath)).StatusCode.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_internal_endpoints_are_not_in_the_public_OpenAPI_document()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");

        (await response.Content.ReadAsStringAsync()).Should().NotContain("background-work");
    }

    internal static string Sid(string prefix, char fill) => prefix + new string(fill, 32);

    private HttpClient OperatorClient() => Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: OperationsScope));

    private static async Task<JsonElement> PageAsync(HttpClient operations, string category, string query = "")
    {
        using var response = await operations.GetAsync($"{BackgroundWorkPath}/{category}{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static void ShouldShow(JsonElement category, int count, TimeSpan oldestAge)
    {
        category.GetProperty("count").GetInt32().Should().Be(count, category.ToString());
        category.GetProperty("oldestAgeSeconds").GetInt64().Should().BeInRange((long)oldestAge.TotalSeconds, (long)(oldestAge + Slack).TotalSeconds, category.ToString());
        category.GetProperty("oldestSince").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow - oldestAge, Slack);
    }

    private static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString());

    private static List<(string?, string?)> Resources(JsonElement item) =>
        [.. item.GetProperty("resources").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("value").GetString()))];
}
