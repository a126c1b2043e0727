using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// Issue 18 §3: <c>POST /api/v1/providers/twilio/{id}/sip-credential/rotate</c> replaces the trunk's SIP credential
/// without dropping a call — the new one is current at once, the old one keeps authenticating for the grace period and
/// is then deleted from the tenant's credential list by a durable job (also across a restart); a Twilio failure changes
/// nothing.
/// </summary>
public sealed class SipCredentialRotationTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string RetireJob = "retire-sip-credential";

    private static readonly TimeSpan ShortGrace = TimeSpan.FromSeconds(2);

    public static TheoryData<string> TwilioFailures => new()
    {
        "refused",
        "credentials rejected",
        "rate limited",
        "unavailable",
        "applied then failed",
        "credential list deleted",
    };

    [Fact]
    public async Task Rotation_creates_a_new_credential_makes_it_current_at_once_and_the_old_one_still_authenticates()
    {
        var (builder, id) = await ConnectProviderAsync();
        var old = Twilio.CredentialListOf(builder.Account).Credentials.Single();
        var listSid = Twilio.CredentialListOf(builder.Account).Sid;
        var etagBefore = await ETagOfAsync(id);
        var before = DateTimeOffset.UtcNow;

        using var response = await ClientFor().RotateSipCredentialAsync(id);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var rotated = JsonDocument.Parse(body).RootElement;
        rotated.GetProperty("id").GetGuid().Should().Be(id);
        rotated.GetProperty("sipCredentialVersion").GetInt32().Should().Be(2);
        rotated.GetProperty("sipCredentialUpdatedAt").GetDateTimeOffset().Should().BeOnOrAfter(before.AddSeconds(-1));
        response.Headers.ETag!.ToString().Should().NotBe(etagBefore).And.Be(await ETagOfAsync(id), "the answer's ETag is the provider's new one");

        var create = Twilio.Requests.Should().ContainSingle("one Twilio call: the new credential").Subject;
        create.Operation.Should().Be(TwilioOperation.CreateCredential);
        create.Path.Should().Be($"/2010-04-01/Accounts/{builder.Account.Sid}/SIP/CredentialLists/{listSid}/Credentials.json");
        create.AuthUser.Should().Be(builder.Account.Sid);
        var username = create.Form["Username"];
        var password = create.Form["Password"];
        username.Should().NotBe(old.Username).And.HaveLength(24);
        password.Should().HaveLength(32).And.MatchRegex("[a-z]").And.MatchRegex("[A-Z]").And.MatchRegex("[0-9]");

        var list = Twilio.CredentialListOf(builder.Account);
        list.Credentials.Select(c => (c.Username, c.Password)).Should().BeEquivalentTo([(old.Username, old.Password), (username, password)]);
        var terminationUri = rotated.GetProperty("terminationUri").GetString()!;
        Twilio.AuthenticatesSipCall(terminationUri, username, password).Should().BeTrue("the new credential works at once");
        Twilio.AuthenticatesSipCall(terminationUri, old.Username, old.Password).Should().BeTrue("calls set up with the old one still go through during the grace");

        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var route = await sip.DialOutRouteAsync(id, OrgA);
        route.GetProperty("sipUsername").GetString().Should().Be(username, "the dial-out route answers the new credential from the commit on");
        route.GetProperty("sipPassword").GetString().Should().Be(password);
        route.GetProperty("credentialVersion").GetInt32().Should().Be(2);

        (await Database.ColumnAsync(id, "sip_username")).Should().Be(username);
        (await Database.ColumnAsync(id, "sip_credential_version")).Should().Be("2");
        (await RetiringAsync(id)).Should().Equal([(old.Sid, old.Username)], "the old credential is retiring, not gone");
        // The old credential's retirement, and the safety net for the new one (counted once each after the dispatch settled).
        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync(RetireJob) == 2, "two retirement jobs are queued");

        var verification = await ClientFor().VerifyOkAsync(id);
        verification.Check("Credential List").GetProperty("status").GetString().Should().Be("passed");
        verification.Check("Credential List").GetProperty("details").GetProperty("sipCredentialPresent").GetBoolean().Should().BeTrue("the new credential is the one checked");
        verification.Check("Credential List").GetProperty("details").TryGetProperty("sipUsername", out _).Should().BeFalse("half of the SIP credential is never shown to the tenant");

        using var get = await GetTwilioProviderAsync(id);
        var read = await get.Content.ReadAsStringAsync();
        await AssertSecretsNotLeakedAsync([old.Password, password], builder.Account.Sid, body, read, verification.GetRawText());
    }

    [Fact]
    public async Task After_the_grace_period_the_old_credential_is_deleted_from_Twilio_and_no_longer_authenticates()
    {
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string> { ["Sip:CredentialRotationGracePeriod"] = ShortGrace.ToString() });
        var (builder, id) = await ConnectProviderAsync();
        var old = Twilio.CredentialListOf(builder.Account).Credentials.Single();
        var listSid = Twilio.CredentialListOf(builder.Account).Sid;

        var rotating = DateTimeOffset.UtcNow;
        using var response = await replica.ClientFor(OrgA).RotateSipCredentialAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var terminationUri = (await ReadJsonAsync(response)).GetProperty("terminationUri").GetString()!;
        var current = Twilio.CredentialListOf(builder.Account).Credentials.Single(c => c.Sid != old.Sid);
        Twilio.AuthenticatesSipCall(terminationUri, old.Username, old.Password).Should().BeTrue("the grace period has just begun");

        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.Count == 1),
            "the old credential was retired after the grace period");

        var delete = Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().ContainSingle().Subject;
        delete.Path.Should().Be($"/2010-04-01/Accounts/{builder.Account.Sid}/SIP/CredentialLists/{listSid}/Credentials/{old.Sid}.json");
        delete.AuthUser.Should().Be(builder.Account.Sid);
        delete.ResponseStatus.Should().Be(204);
        // Twilio's clock (and the emulator's record of it) has whole seconds.
        var graceOver = rotating + ShortGrace;
        delete.ReceivedAt.Should().BeOnOrAfter(graceOver.AddTicks(-(graceOver.Ticks % TimeSpan.TicksPerSecond)), "not before the grace period is over");
        Twilio.CredentialListOf(builder.Account).Credentials.Single().Sid.Should().Be(current.Sid);
        Twilio.AuthenticatesSipCall(terminationUri, old.Username, old.Password).Should().BeFalse("the old credential is gone");
        Twilio.AuthenticatesSipCall(terminationUri, current.Username, current.Password).Should().BeTrue();
        await EventuallyAsync(async () => (await RetiringAsync(id)).Count == 0, "the retirement was recorded");
        (await Database.ColumnAsync(id, "sip_username")).Should().Be(current.Username);
    }

    [Fact]
    public async Task A_second_rotation_within_the_grace_period_leaves_neither_older_credential_behind()
    {
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string> { ["Sip:CredentialRotationGracePeriod"] = ShortGrace.ToString() });
        var (builder, id) = await ConnectProviderAsync();
        using var client = replica.ClientFor(OrgA);

        using (var first = await client.RotateSipCredentialAsync(id))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var second = await client.RotateSipCredentialAsync(id);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(second)).GetProperty("sipCredentialVersion").GetInt32().Should().Be(3);
        var credentials = Twilio.CredentialListOf(builder.Account).Credentials;
        credentials.Should().HaveCount(3, "during the grace every recent credential works");
        var current = await Database.ColumnAsync(id, "sip_username");
        (await RetiringAsync(id)).Select(r => r.Username).Should().BeEquivalentTo(credentials.Select(c => c.Username).Where(u => u != current), "both replaced credentials are retiring");

        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.Count == 1),
            "both replaced credentials were retired");
        Twilio.CredentialListOf(builder.Account).Credentials.Single().Username.Should().Be(current);
        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().HaveCount(2);
        await EventuallyAsync(async () => (await RetiringAsync(id)).Count == 0, "both retirements were recorded");
    }

    [Fact]
    public async Task The_old_credentials_deletion_survives_a_restart()
    {
        var (builder, id) = await ConnectProviderAsync();
        var old = Twilio.CredentialListOf(builder.Account).Credentials.Single();
        await Fixture.PauseBackgroundJobsAsync(); // only the replicas below run background work
        var settings = new Dictionary<string, string> { ["Sip:CredentialRotationGracePeriod"] = "00:00:03" };

        await using (var before = await Fixture.StartHostAsync(settings))
        {
            using var response = await before.ClientFor(OrgA).RotateSipCredentialAsync(id);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Twilio.CredentialListOf(builder.Account).Credentials.Should().Contain(c => c.Sid == old.Sid, "the replica stopped before the grace was over");
        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().BeEmpty();

        await using var after = await Fixture.StartHostAsync(settings);
        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.All(c => c.Sid != old.Sid)),
            "a replica started after the restart retired the old credential",
            TimeSpan.FromSeconds(30));

        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().ContainSingle()
            .Which.Path.Should().EndWith($"/Credentials/{old.Sid}.json");
        Twilio.CredentialListOf(builder.Account).Credentials.Should().ContainSingle().Which.Username.Should().Be(await Database.ColumnAsync(id, "sip_username"));
        // The job logs once Twilio answered the delete, a moment after the emulator's state changed.
        await EventuallyAsync(
            () => Task.FromResult(after.Logs.GetSnapshot().Any(r => r.Id.Id == 1812 && r.GetStructuredStateValue("SipUsername") == old.Username)),
            "the replica started after the restart says it retired the old credential");
        Fixture.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 1812, "the fixture's host ran no background work");
        await EventuallyAsync(async () => (await RetiringAsync(id)).Count == 0, "the retirement was recorded");
    }

    [Fact]
    public async Task A_rotation_that_died_after_creating_its_credential_leaves_no_orphan_in_the_list()
    {
        var (builder, id) = await ConnectProviderAsync();
        var list = Twilio.CredentialListOf(builder.Account);
        var current = list.Credentials.Single();
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var routeBefore = (await sip.DialOutRouteAsync(id, OrgA)).GetRawText();
        const string username = "vpcrashedrotation0000001";

        // What a rotation does before its commit — the safety net first, then the create — and then the process dies.
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISipCredentialRetirements>().ScheduleNowAsync(
                new RetireSipCredentialCommand(id, list.Sid, username, SipCredentialSid: null), DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);
            var credentials = new TwilioCredentials(AccountSid.Parse(builder.Account.Sid), TwilioAuthToken.From(builder.Account.AuthToken));
            await scope.ServiceProvider.GetRequiredService<ITwilioGateway>()
                .CreateSipCredentialAsync(credentials, list.Sid, username, "Orphaned0Password0Of0A0Rotation1", CancellationToken.None);
        }

        Twilio.CredentialListOf(builder.Account).Credentials.Should().HaveCount(2);

        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.Count == 1),
            "the safety net deleted the credential no rotation stored");
        Twilio.CredentialListOf(builder.Account).Credentials.Single().Sid.Should().Be(current.Sid, "the current credential is never touched");
        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().ContainSingle().Which.AuthUser.Should().Be(builder.Account.Sid);
        (await sip.DialOutRouteAsync(id, OrgA)).GetRawText().Should().Be(routeBefore);
        (await Database.ColumnAsync(id, "sip_credential_version")).Should().Be("1");
    }

    [Fact]
    public async Task The_safety_net_of_a_committed_rotation_never_deletes_a_credential_still_in_its_grace_period()
    {
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Sip:UnfinishedRotationGracePeriod"] = "00:00:01",
            ["Sip:CredentialRotationGracePeriod"] = "00:05:00",
        });
        var (builder, id) = await ConnectProviderAsync();
        using var client = replica.ClientFor(OrgA);
        for (var i = 0; i < 2; i++)
        {
            using var rotated = await client.RotateSipCredentialAsync(id);
            rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Each rotation queued its safety net (due after a second) and its old credential's retirement (after five minutes).
        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync(RetireJob) == 2, "both safety nets ran");

        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().BeEmpty("every credential in the list was made by a committed rotation");
        var terminationUri = await TerminationUriAsync(id);
        var credentials = Twilio.CredentialListOf(builder.Account).Credentials;
        credentials.Should().HaveCount(3);
        credentials.Should().AllSatisfy(c => Twilio.AuthenticatesSipCall(terminationUri, c.Username, c.Password).Should().BeTrue(c.Username));
    }

    [Theory]
    [MemberData(nameof(TwilioFailures))]
    public async Task A_Twilio_failure_answers_a_problem_and_changes_nothing(string failure)
    {
        var (builder, id) = await ConnectProviderAsync();
        var old = Twilio.CredentialListOf(builder.Account).Credentials.Single();
        var listSid = Twilio.CredentialListOf(builder.Account).Sid;
        var rowBefore = await Database.ProviderRowSnapshotAsync(id);
        var etagBefore = await ETagOfAsync(id);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var routeBefore = (await sip.DialOutRouteAsync(id, OrgA)).GetRawText();
        var (status, code) = await ArrangeAsync(failure, builder.Account, listSid);

        using var response = await ClientFor().RotateSipCredentialAsync(id);

        var problem = await response.ShouldBeProblemAsync(status, code);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore, "a failed rotation does not write the row");
        (await ETagOfAsync(id)).Should().Be(etagBefore);
        (await sip.DialOutRouteAsync(id, OrgA)).GetRawText().Should().Be(routeBefore, "calls keep using the credential they had");
        if (failure == "credential list deleted")
        {
            problem.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
            Twilio.RequestsFor(TwilioOperation.CreateCredential).Should().ContainSingle().Which.ResponseStatus.Should().Be(404);
        }
        else
        {
            await EventuallyAsync(
                () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.Select(c => c.Sid).SequenceEqual([old.Sid])),
                "the list holds only the credential it had (a create in doubt is found and deleted)");
            Twilio.AuthenticatesSipCall(await TerminationUriAsync(id), old.Username, old.Password).Should().BeTrue();
        }

        var attempted = Twilio.RequestsFor(TwilioOperation.CreateCredential).Select(r => r.Form["Password"]).ToArray();
        attempted.Should().NotBeEmpty();
        await AssertSecretsNotLeakedAsync([old.Password, .. attempted], builder.Account.Sid, problem.GetRawText());
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_without_calling_Twilio_and_the_current_one_rotates()
    {
        var (_, id) = await ConnectProviderAsync();
        var etag = await ETagOfAsync(id);
        using (var renamed = await UpdateAsync(id, new { name = "Renamed" }))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var rowBefore = await Database.ProviderRowSnapshotAsync(id);
        Twilio.ClearRequests();

        using var stale = await ClientFor().RotateSipCredentialAsync(id, ifMatch: etag);

        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Twilio.Requests.Should().BeEmpty("the precondition is checked before anything is created");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore);

        var current = await ETagOfAsync(id);
        using var fresh = await ClientFor().RotateSipCredentialAsync(id, ifMatch: current);
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        fresh.Headers.ETag!.ToString().Should().NotBe(current);
        Twilio.RequestsFor(TwilioOperation.CreateCredential).Should().ContainSingle();
    }

    [Fact]
    public async Task Another_organizations_provider_is_not_found_and_nothing_is_created()
    {
        var (builder, id) = await ConnectProviderAsync(OrgB);
        var rowBefore = await Database.ProviderRowSnapshotAsync(id);

        using var response = await ClientFor(OrgA).RotateSipCredentialAsync(id);
        using var unknown = await ClientFor(OrgA).RotateSipCredentialAsync(Guid.NewGuid());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Twilio.Requests.Should().BeEmpty();
        Twilio.CredentialListOf(builder.Account).Credentials.Should().ContainSingle();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore);
    }

    /// <summary>Sets up the failure and answers the problem it must produce.</summary>
    private async Task<(HttpStatusCode Status, string Code)> ArrangeAsync(string failure, EmulatedAccount account, string listSid)
    {
        switch (failure)
        {
            case "refused":
                Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.Http(400, 21212, "Invalid username"));
                return (HttpStatusCode.BadGateway, "twilio_request_failed");
            case "credentials rejected":
                Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.Http(401));
                return (HttpStatusCode.UnprocessableEntity, "twilio_credentials_rejected");
            case "rate limited":
                Twilio.EnqueueFaults(TwilioOperation.CreateCredential, [.. Enumerable.Repeat(EmulatedFault.RateLimited("1"), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);
                return (HttpStatusCode.ServiceUnavailable, "twilio_rate_limited");
            case "unavailable":
                Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.Http(503));
                return (HttpStatusCode.BadGateway, "twilio_unavailable");
            case "applied then failed":
                Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.AppliedThenFailed(500));
                return (HttpStatusCode.BadGateway, "twilio_unavailable");
            case "credential list deleted":
                await DeleteInTwilioConsoleAsync(account, $"/2010-04-01/Accounts/{account.Sid}/SIP/CredentialLists/{listSid}.json");
                return (HttpStatusCode.UnprocessableEntity, "twilio_credential_list_missing");
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, "Unknown failure.");
        }
    }

    /// <summary>The replaced credentials the provider keeps until they are deleted: (SID, username) each.</summary>
    private async Task<List<(string? Sid, string? Username)>> RetiringAsync(Guid id)
    {
        var json = await Database.ColumnAsync(id, "retiring_sip_credentials");
        return json is null
            ? []
            : [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(r => (Field(r, "sid"), Field(r, "username")))];

        static string? Field(JsonElement element, string name) =>
            element.EnumerateObject().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value.GetString();
    }

    private async Task<string> TerminationUriAsync(Guid id)
    {
        using var get = await GetTwilioProviderAsync(id);
        return (await ReadJsonAsync(get)).GetProperty("terminationUri").GetString()!;
    }

    private async Task<(ProviderBuilder Builder, Guid Id)> ConnectProviderAsync(string organizationId = OrgA)
    {
        var builder = NewProvider(organizationId);
        var id = await builder.ConnectAsync();
        return (builder, id);
    }
}
