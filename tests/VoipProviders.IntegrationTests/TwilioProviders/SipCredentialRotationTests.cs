using System.Net;
using System.Text.Json;
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
        (await Database.ColumnAsync(id, "retiring_sip_credential")).Should().Contain(old.Username).And.Contain(old.Sid);
        (await Database.CountQueuedJobsAsync(RetireJob)).Should().Be(2, "the old credential's retirement, and the safety net for the new one");

        var verification = await ClientFor().VerifyOkAsync(id);
        verification.Check("Credential List").GetProperty("status").GetString().Should().Be("passed");
        verification.Check("Credential List").GetProperty("details").GetProperty("sipUsername").GetString().Should().Be(username);

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

        using var response = await replica.ClientFor(OrgA).RotateSipCredentialAsync(id);
        var rotatedAt = DateTimeOffset.UtcNow;

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
        delete.ReceivedAt.Should().BeOnOrAfter(rotatedAt + ShortGrace - TimeSpan.FromMilliseconds(500), "not before the grace period is over");
        Twilio.CredentialListOf(builder.Account).Credentials.Single().Sid.Should().Be(current.Sid);
        Twilio.AuthenticatesSipCall(terminationUri, old.Username, old.Password).Should().BeFalse("the old credential is gone");
        Twilio.AuthenticatesSipCall(terminationUri, current.Username, current.Password).Should().BeTrue();
        await EventuallyAsync(async () => await Database.ColumnAsync(id, "retiring_sip_credential") is null, "the retirement was recorded");
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
        Twilio.CredentialListOf(builder.Account).Credentials.Should().HaveCount(3, "during the grace every recent credential works");

        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialListOf(builder.Account).Credentials.Count == 1),
            "both replaced credentials were retired");
        Twilio.CredentialListOf(builder.Account).Credentials.Single().Username.Should().Be(await Database.ColumnAsync(id, "sip_username"));
        Twilio.RequestsFor(TwilioOperation.DeleteCredential).Should().HaveCount(2);
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
        after.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1812 && r.GetStructuredStateValue("SipUsername") == old.Username);
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
