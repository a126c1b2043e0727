using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// Issue 18 §4: <c>secureTrunking</c> (TLS signalling, SRTP media) on create and PUT — set on the trunk in the tenant's
/// account first and stored only if Twilio accepts; the termination URI, the dial-out route and (in the background) the
/// origination URLs follow it; the <c>Trunk</c> check reports a Console change.
/// </summary>
public sealed class SecureTrunkingTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string AlignJob = "align-trunk-origination";
    private const string Number = "+14155550177";

    public static TheoryData<string> UpdateFailures => new() { "refused", "unavailable", "credentials rejected", "trunk deleted" };

    [Fact]
    public async Task Create_with_secure_trunking_builds_a_secure_trunk_with_a_TLS_termination_uri()
    {
        var builder = NewProvider();
        var body = builder.Body();
        body["secureTrunking"] = true;

        using var response = await CreateProviderAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var created = JsonDocument.Parse(text).RootElement;
        var id = created.GetProperty("id").GetGuid();
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle().Which.FormBool("Secure").Should().BeTrue();
        var trunk = Twilio.TrunkOf(builder.Account);
        trunk.Secure.Should().BeTrue();
        var tlsUri = $"sip:{Label(trunk)}.pstn.ashburn.twilio.com:5061;transport=tls";
        created.GetProperty("secureTrunking").GetBoolean().Should().BeTrue();
        created.GetProperty("terminationUri").GetString().Should().Be(tlsUri);
        trunk.OriginationUrls.Should().ContainSingle().Which.SipUrl.Should().EndWith(";transport=tls");
        (await Database.ColumnAsync(id, "secure_trunking")).Should().Be("true");

        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var route = await sip.DialOutRouteAsync(id, OrgA);
        route.GetProperty("secure").GetBoolean().Should().BeTrue();
        route.GetProperty("terminationUri").GetString().Should().Be(tlsUri);
        Twilio.AuthenticatesSipCall(tlsUri, route.GetProperty("sipUsername").GetString()!, route.GetProperty("sipPassword").GetString()!).Should().BeTrue();

        var verification = await ClientFor().VerifyOkAsync(id);
        verification.GetProperty("status").GetString().Should().Be("verified");
        verification.Check("Trunk").GetProperty("details").GetProperty("secure").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Turning_secure_trunking_on_sets_it_on_the_trunk_first_then_stores_it_and_off_again()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var trunk = Twilio.TrunkOf(builder.Account);
        var etag = await ETagOfAsync(id);
        var plainUri = $"sip:{Label(trunk)}.pstn.ashburn.twilio.com";

        using var on = await UpdateAsync(id, new { secureTrunking = true });

        on.StatusCode.Should().Be(HttpStatusCode.OK, await on.Content.ReadAsStringAsync());
        var updated = await ReadJsonAsync(on);
        updated.GetProperty("secureTrunking").GetBoolean().Should().BeTrue();
        updated.GetProperty("terminationUri").GetString().Should().Be(plainUri + ":5061;transport=tls");
        on.Headers.ETag!.ToString().Should().NotBe(etag);
        Twilio.Requests.Select(r => r.Operation).Should().Equal(TwilioOperation.FetchAccount, TwilioOperation.UpdateTrunk);
        var update = Twilio.RequestsFor(TwilioOperation.UpdateTrunk).Single();
        update.Path.Should().Be($"/v1/Trunks/{trunk.Sid}");
        update.AuthUser.Should().Be(builder.Account.Sid);
        update.Form.Keys.Should().Equal("Secure");
        update.FormBool("Secure").Should().BeTrue();
        Twilio.TrunkOf(builder.Account).Secure.Should().BeTrue();
        (await Database.ColumnAsync(id, "secure_trunking")).Should().Be("true");
        using (var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken()))
        {
            var route = await sip.DialOutRouteAsync(id, OrgA);
            route.GetProperty("secure").GetBoolean().Should().BeTrue();
            route.GetProperty("terminationUri").GetString().Should().Be(plainUri + ":5061;transport=tls");
        }

        // The shared ingress URI already asks for TLS: the background alignment finds nothing to change in Twilio.
        await EventuallyAsync(
            async () => (await Database.ColumnAsync(id, "origination_revision"))?.EndsWith("-tls", StringComparison.Ordinal) == true,
            "the origination URLs were brought in line with the secure flag");
        Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().BeEmpty();
        Twilio.TrunkOf(builder.Account).OriginationUrls.Should().ContainSingle().Which.Should().Be(trunk.OriginationUrls.Single());

        var etagOn = on.Headers.ETag!.ToString();
        Twilio.ClearRequests();
        using var same = await UpdateAsync(id, new { secureTrunking = true });
        same.StatusCode.Should().Be(HttpStatusCode.OK);
        Twilio.Requests.Should().BeEmpty("a value equal to the current one calls nobody");
        same.Headers.ETag!.ToString().Should().Be(etagOn, "and changes nothing");

        using var off = await UpdateAsync(id, new { secureTrunking = false });
        off.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(off)).GetProperty("terminationUri").GetString().Should().Be(plainUri);
        Twilio.RequestsFor(TwilioOperation.UpdateTrunk).Should().ContainSingle().Which.FormBool("Secure").Should().BeFalse();
        Twilio.TrunkOf(builder.Account).Secure.Should().BeFalse();
        (await Database.ColumnAsync(id, "secure_trunking")).Should().Be("false");
    }

    [Theory]
    [MemberData(nameof(UpdateFailures))]
    public async Task When_Twilio_does_not_take_the_change_nothing_is_stored(string failure)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var trunkSid = Twilio.TrunkOf(builder.Account).Sid;
        var etag = await ETagOfAsync(id);
        var rowBefore = await Database.ProviderRowSnapshotAsync(id);
        HttpStatusCode status;
        string code;
        switch (failure)
        {
            case "refused":
                Twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, EmulatedFault.Http(400, 21201, "Secure trunking is not available"));
                (status, code) = (HttpStatusCode.BadGateway, "twilio_request_failed");
                break;
            case "unavailable":
                Twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);
                (status, code) = (HttpStatusCode.BadGateway, "twilio_unavailable");
                break;
            case "credentials rejected":
                Twilio.SetAuthToken(builder.Account.Sid, NewToken());
                (status, code) = (HttpStatusCode.UnprocessableEntity, "twilio_credentials_rejected");
                break;
            default:
                await DeleteInTwilioConsoleAsync(builder.Account, $"/v1/Trunks/{trunkSid}");
                (status, code) = (HttpStatusCode.UnprocessableEntity, "twilio_trunk_missing");
                break;
        }

        using var response = await UpdateAsync(id, new { secureTrunking = true });

        await response.ShouldBeProblemAsync(status, code);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore, "nothing is stored unless Twilio took the change");
        (await ETagOfAsync(id)).Should().Be(etag);
        Twilio.Trunks.Where(t => t.AccountSid == builder.Account.Sid).Should().NotContain(t => t.Secure, "the trunk (if any) kept its flag");
        (await Database.CountQueuedJobsAsync(AlignJob)).Should().Be(0, "the origination URLs follow only a stored change");
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        (await sip.DialOutRouteAsync(id, OrgA)).GetProperty("secure").GetBoolean().Should().BeFalse();
    }

    /// <summary>
    /// Twilio sets the flag and then answers 500, on every attempt: the module cannot know the outcome, answers 502 and
    /// stores nothing — so the trunk must be put back to the stored flag, or the dial-out route (plain transport) and the
    /// trunk (TLS required) disagree and outbound calls fail. The module's own rule for TransferMode, in the fault matrix.
    /// </summary>
    [Fact]
    public async Task A_trunk_update_that_took_effect_but_failed_every_attempt_leaves_the_trunk_as_stored()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var rowBefore = await Database.ProviderRowSnapshotAsync(id);
        Twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, [.. Enumerable.Repeat(EmulatedFault.AppliedThenFailed(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await UpdateAsync(id, new { secureTrunking = true });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "twilio_unavailable");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(rowBefore, "nothing is stored unless Twilio took the change");
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        (await sip.DialOutRouteAsync(id, OrgA)).GetProperty("secure").GetBoolean().Should().BeFalse();
        await EventuallyAsync(
            () => Task.FromResult(!Twilio.TrunkOf(builder.Account).Secure),
            "the trunk's Secure flag follows what is stored (false), as the dial-out route tells the SIP service",
            TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Secure_flag_changed_in_the_Console_is_reported_by_the_trunk_check(bool stored)
    {
        var builder = NewProvider();
        var body = builder.Body();
        body["secureTrunking"] = stored;
        using var created = await CreateProviderAsync(body);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var trunk = Twilio.TrunkOf(builder.Account);
        await TwilioConsoleAsync(builder.Account, HttpMethod.Post, $"/v1/Trunks/{trunk.Sid}",
            new Dictionary<string, string> { ["Secure"] = (!stored).ToString().ToLowerInvariant() });

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("warning");
        result.CheckStatuses().Should().Equal("passed", "warning", "passed", "passed", "passed");
        var details = result.Check("Trunk").GetProperty("details");
        details.GetProperty("expectedSecure").GetBoolean().Should().Be(stored);
        details.GetProperty("actualSecure").GetBoolean().Should().Be(!stored);
        details.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid);
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("warning");
        Twilio.TrunkOf(builder.Account).Secure.Should().Be(!stored, "verification reports, it does not repair");
    }

    [Fact]
    public async Task Turning_it_on_moves_a_plain_origination_url_to_TLS_in_the_background_and_calls_keep_routing()
    {
        await Fixture.PauseBackgroundJobsAsync(); // the replica with the plain ingress runs the alignment
        await using var replica = await Fixture.StartHostAsync(CallingTestHelpers.OriginationSettings([("sip:{routingKey}.in1.voice.example.com", 10, 10)]));
        using var client = replica.ClientFor(OrgA);
        var builder = NewProvider();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, Number);
        using var created = await client.PostAsJsonAsync(TwilioProvidersPath, builder.Body());
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var provider = await ReadJsonAsync(created);
        var id = provider.GetProperty("id").GetGuid();
        var plain = $"sip:{provider.GetProperty("inboundRoutingKey").GetString()}.in1.voice.example.com";
        await ImportAllAsync(id, number.Sid);
        var url = Twilio.TrunkOf(builder.Account).OriginationUrls.Should().ContainSingle().Subject;
        url.SipUrl.Should().Be(plain);

        using var on = await client.UpdateTwilioProviderAsync(id, new { secureTrunking = true });

        on.StatusCode.Should().Be(HttpStatusCode.OK, await on.Content.ReadAsStringAsync());
        await EventuallyAsync(
            () => Task.FromResult(Twilio.TrunkOf(builder.Account).OriginationUrls.Single().SipUrl == plain + ";transport=tls"),
            "the background job moved the origination URL to TLS");
        var align = Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().ContainSingle().Subject;
        align.Path.Should().Be($"/v1/Trunks/{Twilio.TrunkOf(builder.Account).Sid}/OriginationUrls/{url.Sid}", "the same URL, updated in place");
        align.Form["SipUrl"].Should().Be(plain + ";transport=tls");
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().BeEmpty();
        Twilio.RequestsFor(TwilioOperation.DeleteOriginationUrl).Should().BeEmpty();
        var route = Twilio.RouteInboundCall(Number);
        route.Secure.Should().BeTrue();
        route.Routable.Should().BeTrue(route.ErrorMessage);
        await EventuallyAsync(
            async () => (await Database.ColumnAsync(id, "origination_revision"))?.EndsWith("-tls", StringComparison.Ordinal) == true,
            "the new URL was stored");
        using (var get = await client.GetAsync($"{TwilioProvidersPath}/{id}"))
        {
            var uri = (await ReadJsonAsync(get)).GetProperty("originationUris").EnumerateArray().Should().ContainSingle().Subject;
            uri.GetProperty("sid").GetString().Should().Be(url.Sid);
            uri.GetProperty("sipUrl").GetString().Should().Be(plain + ";transport=tls");
        }

        using var off = await client.UpdateTwilioProviderAsync(id, new { secureTrunking = false });

        off.StatusCode.Should().Be(HttpStatusCode.OK);
        await EventuallyAsync(
            () => Task.FromResult(Twilio.TrunkOf(builder.Account).OriginationUrls.Single().SipUrl == plain),
            "turning it off moves the URL back to the configured transport");
        Twilio.RouteInboundCall(Number).Routable.Should().BeTrue();
    }

    private static string Label(EmulatedTrunk trunk) => trunk.DomainName![..^".pstn.twilio.com".Length];
}
