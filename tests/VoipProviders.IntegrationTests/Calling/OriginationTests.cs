using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Calling;

/// <summary>
/// Issue 18 §1: a connect points the new trunk at the platform's SIP ingress (one origination URL per
/// <c>Sip:Origination:Uris</c> entry, the provider's routing key in it), so a call to an imported number reaches the
/// platform; the <c>Origination</c> check says when that is no longer so.
/// </summary>
public sealed class OriginationTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Number = "+14155550140";

    private static readonly string[] CheckNames = ["Credentials", "Trunk", "Credential List", "Origination", "Phone Numbers"];

    [Fact]
    public async Task Connect_creates_one_origination_url_on_the_new_trunk_pointing_at_the_ingress_with_the_routing_key()
    {
        var builder = NewProvider();

        using var response = await CreateProviderAsync(builder.Body());

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var created = JsonDocument.Parse(body).RootElement;
        var id = created.GetProperty("id").GetGuid();
        var routingKey = created.GetProperty("inboundRoutingKey").GetString()!;
        routingKey.Should().MatchRegex("^[a-z0-9]{24}$", "24 characters of a DNS-label-safe alphabet");

        var trunk = Twilio.TrunkOf(builder.Account);
        var create = Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().ContainSingle("one URL per configured URI").Subject;
        create.Path.Should().Be($"/v1/Trunks/{trunk.Sid}/OriginationUrls", "on the new trunk");
        create.AuthUser.Should().Be(builder.Account.Sid, "in the tenant's own account");
        create.ResponseStatus.Should().Be(201);
        create.Form["FriendlyName"].Should().Be("VoipProviders origination 1");
        create.Form["SipUrl"].Should().Be($"sip:{routingKey}.in1.voice.example.com:5061;transport=tls", "the placeholder is replaced by the routing key");
        create.Form["Priority"].Should().Be("10");
        create.Form["Weight"].Should().Be("10");
        create.FormBool("Enabled").Should().BeTrue();
        Twilio.Requests.Select(r => r.Operation).Should().ContainInOrder(TwilioOperation.CreateTrunk, TwilioOperation.CreateOriginationUrl);

        var url = trunk.OriginationUrls.Should().ContainSingle().Subject;
        url.SipUrl.Should().Be(SharedIngressOf(routingKey));
        url.Enabled.Should().BeTrue();

        var expected = new OriginationUriView(url.Sid, url.SipUrl, 10, 10, true);
        OriginationUrisOf(created).Should().Equal([expected], "the create's answer shows the stored SID");
        using var get = await GetTwilioProviderAsync(id);
        var read = await ReadJsonAsync(get);
        OriginationUrisOf(read).Should().Equal([expected]);
        read.GetProperty("inboundRoutingKey").GetString().Should().Be(routingKey);
        (await Database.ColumnAsync(id, "inbound_routing_key")).Should().Be(routingKey);
        (await Database.ColumnAsync(id, "origination_urls")).Should().Contain(url.Sid, "the SID is stored");
        (await Database.ColumnAsync(id, "origination_revision")).Should().NotBeNullOrEmpty("the provider is in line with the settings it was connected under");
    }

    [Fact]
    public async Task Every_provider_gets_its_own_routing_key_and_the_list_shows_each_ones_origination_url()
    {
        var first = NewProvider();
        var second = NewProvider();
        var firstId = await first.ConnectAsync();
        var secondId = await second.ConnectAsync();

        using var list = await ListProvidersAsync();

        var items = (await ReadJsonAsync(list)).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetGuid());
        var firstKey = items[firstId].GetProperty("inboundRoutingKey").GetString()!;
        var secondKey = items[secondId].GetProperty("inboundRoutingKey").GetString()!;
        firstKey.Should().NotBe(secondKey, "the key tells the ingress which provider a call came through");
        OriginationUrisOf(items[firstId]).Select(u => u.SipUrl).Should().Equal(SharedIngressOf(firstKey));
        OriginationUrisOf(items[secondId]).Select(u => u.SipUrl).Should().Equal(SharedIngressOf(secondKey));
        Twilio.TrunkOf(first.Account).OriginationUrls.Select(u => u.SipUrl).Should().Equal(SharedIngressOf(firstKey));
        Twilio.TrunkOf(second.Account).OriginationUrls.Select(u => u.SipUrl).Should().Equal(SharedIngressOf(secondKey));
    }

    [Fact]
    public async Task A_call_to_an_imported_number_is_forwarded_to_the_platforms_ingress_with_the_providers_routing_key()
    {
        var builder = NewProvider();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, Number);
        var id = await builder.ConnectAsync();
        var trunk = Twilio.TrunkOf(builder.Account);
        Twilio.RouteInboundCall(Number).ErrorCode.Should().Be(TwilioErrorCodes.NoActiveOriginationUrl, "not imported yet: the number is on no trunk");

        await ImportAllAsync(id, number.Sid);

        var route = Twilio.RouteInboundCall(Number);
        route.Routable.Should().BeTrue(route.ErrorMessage);
        route.TrunkSid.Should().Be(trunk.Sid);
        var candidate = route.Candidates.Should().ContainSingle().Subject;
        candidate.Sid.Should().Be(trunk.OriginationUrls.Single().Sid);
        candidate.SipUrl.Should().Contain(await RoutingKeyAsync(id), "the ingress tells the provider by its routing key");
    }

    [Fact]
    public async Task On_a_secure_trunk_the_origination_url_carries_TLS_and_a_url_without_it_fails_the_call()
    {
        // An ingress configured without TLS: a secure provider's URL must get it anyway.
        await using var replica = await Fixture.StartHostAsync(CallingTestHelpers.OriginationSettings(
            [("sip:{routingKey}.in1.voice.example.com", 10, 10)],
            new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false" }));
        using var client = replica.ClientFor(OrgA);
        var builder = NewProvider();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, Number);
        var body = builder.Body();
        body["secureTrunking"] = true;
        using var created = await client.PostAsJsonAsync(TwilioProvidersPath, body);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var provider = await ReadJsonAsync(created);
        var id = provider.GetProperty("id").GetGuid();
        var routingKey = provider.GetProperty("inboundRoutingKey").GetString()!;
        await ImportAllAsync(id, number.Sid);

        var trunk = Twilio.TrunkOf(builder.Account);
        trunk.Secure.Should().BeTrue();
        var url = trunk.OriginationUrls.Should().ContainSingle().Subject;
        url.SipUrl.Should().Be($"sip:{routingKey}.in1.voice.example.com;transport=tls");
        Twilio.RouteInboundCall(Number).Routable.Should().BeTrue("a secure trunk forwards to a TLS origination URL");

        // The tenant strips TLS from our URL in the Console.
        await TwilioConsoleAsync(builder.Account, HttpMethod.Post, $"/v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}",
            new Dictionary<string, string> { ["SipUrl"] = $"sip:{routingKey}.in1.voice.example.com" });

        var route = Twilio.RouteInboundCall(Number);
        route.Routable.Should().BeFalse();
        route.ErrorCode.Should().Be(TwilioErrorCodes.OriginationTlsRequired);
        route.CandidatesWithoutTls.Should().Equal(url.Sid);
        using var verifyClient = replica.ClientFor(OrgA);
        var result = await verifyClient.VerifyOkAsync(id);
        var origination = result.Check("Origination");
        origination.GetProperty("status").GetString().Should().Be("warning");
        var differing = origination.GetProperty("details").GetProperty("differing").EnumerateArray().Should().ContainSingle().Subject;
        differing.GetProperty("sid").GetString().Should().Be(url.Sid);
        differing.GetProperty("expected").GetString().Should().StartWith($"sip:{routingKey}.in1.voice.example.com;transport=tls ");
        differing.GetProperty("actual").GetString().Should().StartWith($"sip:{routingKey}.in1.voice.example.com ");
    }

    [Fact]
    public async Task Origination_passes_when_the_trunk_has_our_url_as_configured()
    {
        var (_, id, trunk) = await ConnectWithNumberAsync();

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("verified");
        result.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("checkName").GetString()).Should().Equal(CheckNames);
        var origination = result.Check("Origination");
        origination.GetProperty("status").GetString().Should().Be("passed");
        var details = origination.GetProperty("details");
        details.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid);
        details.GetProperty("expectedCount").GetInt32().Should().Be(1);
        details.TryGetProperty("differing", out _).Should().BeFalse();
        details.TryGetProperty("competingTenantUrls", out _).Should().BeFalse();
        details.TryGetProperty("missingSipUrls", out _).Should().BeFalse();
        Twilio.RequestsFor(TwilioOperation.ListOriginationUrls).Should().ContainSingle()
            .Which.Path.Should().Be($"/v1/Trunks/{trunk.Sid}/OriginationUrls");
        Twilio.Requests.Should().AllSatisfy(r => r.Method.Should().Be("GET", "a verification only reads"));
    }

    [Fact]
    public async Task Origination_warns_with_expected_and_actual_when_our_url_was_changed_in_the_Console()
    {
        var (builder, id, trunk) = await ConnectWithNumberAsync();
        var ours = trunk.OriginationUrls.Single();
        await TwilioConsoleAsync(builder.Account, HttpMethod.Post, $"/v1/Trunks/{trunk.Sid}/OriginationUrls/{ours.Sid}",
            new Dictionary<string, string> { ["Priority"] = "20" });

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("warning");
        result.CheckStatuses().Should().Equal("passed", "passed", "passed", "warning", "passed");
        var details = result.Check("Origination").GetProperty("details");
        var differing = details.GetProperty("differing").EnumerateArray().Should().ContainSingle().Subject;
        differing.GetProperty("sid").GetString().Should().Be(ours.Sid);
        differing.GetProperty("expected").GetString().Should().Be($"{ours.SipUrl} priority 10 weight 10 enabled");
        differing.GetProperty("actual").GetString().Should().Be($"{ours.SipUrl} priority 20 weight 10 enabled");
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("warning");
        Twilio.Requests.Should().AllSatisfy(r => r.Method.Should().Be("GET", "verification reports the change; it does not undo it"));
        Twilio.TrunkOf(builder.Account).OriginationUrls.Single().Priority.Should().Be(20);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0)]
    public async Task Origination_warns_when_a_tenant_url_has_an_equal_or_better_priority(int tenantPriority)
    {
        var (builder, id, trunk) = await ConnectWithNumberAsync();
        var tenantSid = await AddTenantUrlAsync(builder.Account, trunk.Sid, tenantPriority);

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("warning");
        result.CheckStatuses().Should().Equal("passed", "passed", "passed", "warning", "passed");
        var competing = result.Check("Origination").GetProperty("details").GetProperty("competingTenantUrls").EnumerateArray()
            .Should().ContainSingle().Subject;
        competing.GetProperty("sid").GetString().Should().Be(tenantSid);
        competing.GetProperty("sipUrl").GetString().Should().Be("sip:pbx.tenant.example.com");
        competing.GetProperty("priority").GetInt32().Should().Be(tenantPriority);
        competing.GetProperty("weight").GetInt32().Should().Be(10);
        Twilio.RouteInboundCall(Number).Candidates.Select(c => c.Sid).Should().Contain(tenantSid, "the tenant's URL takes or shares the calls");
        Twilio.TrunkOf(builder.Account).OriginationUrls.Should().HaveCount(2, "verification never touches the tenant's URL");
    }

    [Fact]
    public async Task A_tenant_url_with_a_worse_priority_is_only_a_failover_and_keeps_origination_passed()
    {
        var (builder, id, trunk) = await ConnectWithNumberAsync();
        await AddTenantUrlAsync(builder.Account, trunk.Sid, priority: 50);

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("verified");
        result.Check("Origination").GetProperty("status").GetString().Should().Be("passed");
        result.Check("Origination").GetProperty("details").TryGetProperty("competingTenantUrls", out _).Should().BeFalse();
        Twilio.RouteInboundCall(Number).Candidates.Select(c => c.Sid).Should().Equal([trunk.OriginationUrls.Single().Sid], "calls still reach the platform");
    }

    [Fact]
    public async Task Origination_fails_when_our_url_was_deleted_in_the_Console_and_calls_then_fail()
    {
        var (builder, id, trunk) = await ConnectWithNumberAsync();
        var ours = trunk.OriginationUrls.Single();
        await DeleteInTwilioConsoleAsync(builder.Account, $"/v1/Trunks/{trunk.Sid}/OriginationUrls/{ours.Sid}");
        Twilio.RouteInboundCall(Number).ErrorCode.Should().Be(TwilioErrorCodes.NoActiveOriginationUrl);

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("failed");
        result.CheckStatuses().Should().Equal("passed", "passed", "passed", "failed", "passed");
        var origination = result.Check("Origination");
        origination.GetProperty("message").GetString().Should().Contain("No origination URL");
        origination.GetProperty("details").GetProperty("missingSipUrls").EnumerateArray().Select(u => u.GetString())
            .Should().Equal(ours.SipUrl);
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("failed");
        using var get = await GetTwilioProviderAsync(id);
        (await ReadJsonAsync(get)).GetProperty("verificationDetails").EnumerateArray()
            .Single(c => c.GetProperty("checkName").GetString() == "Origination").GetProperty("status").GetString().Should().Be("failed");
    }

    [Fact]
    public async Task Origination_fails_when_our_url_was_disabled_in_the_Console()
    {
        var (builder, id, trunk) = await ConnectWithNumberAsync();
        var ours = trunk.OriginationUrls.Single();
        await TwilioConsoleAsync(builder.Account, HttpMethod.Post, $"/v1/Trunks/{trunk.Sid}/OriginationUrls/{ours.Sid}",
            new Dictionary<string, string> { ["Enabled"] = "false" });
        Twilio.RouteInboundCall(Number).ErrorCode.Should().Be(TwilioErrorCodes.NoActiveOriginationUrl);

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("failed");
        var origination = result.Check("Origination");
        origination.GetProperty("status").GetString().Should().Be("failed");
        var differing = origination.GetProperty("details").GetProperty("differing").EnumerateArray().Should().ContainSingle().Subject;
        differing.GetProperty("sid").GetString().Should().Be(ours.Sid);
        differing.GetProperty("actual").GetString().Should().EndWith("disabled");
    }

    [Fact]
    public async Task Origination_is_skipped_when_the_credentials_fail()
    {
        var (builder, id, _) = await ConnectWithNumberAsync();
        Twilio.SetAuthToken(builder.Account.Sid, NewToken());

        var result = await ClientFor().VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("failed");
        result.CheckStatuses().Should().Equal("failed", "skipped", "skipped", "skipped", "skipped");
        Twilio.RequestsFor(TwilioOperation.ListOriginationUrls).Should().BeEmpty();
    }

    private static string SharedIngressOf(string routingKey) => CallingTestHelpers.SharedIngress(routingKey);

    private static List<OriginationUriView> OriginationUrisOf(JsonElement provider) =>
        [.. provider.GetProperty("originationUris").EnumerateArray().Select(u => new OriginationUriView(
            u.GetProperty("sid").GetString(),
            u.GetProperty("sipUrl").GetString(),
            u.GetProperty("priority").GetInt32(),
            u.GetProperty("weight").GetInt32(),
            u.GetProperty("enabled").GetBoolean()))];

    private async Task<string> RoutingKeyAsync(Guid id)
    {
        using var get = await GetTwilioProviderAsync(id);
        return (await ReadJsonAsync(get)).GetProperty("inboundRoutingKey").GetString()!;
    }

    /// <summary>A connected provider with <see cref="Number"/> imported; the request log is empty afterwards.</summary>
    private async Task<(ProviderBuilder Builder, Guid Id, EmulatedTrunk Trunk)> ConnectWithNumberAsync()
    {
        var builder = NewProvider();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, Number);
        var id = await builder.ConnectAsync();
        await ImportAllAsync(id, number.Sid);
        Twilio.RouteInboundCall(Number).Routable.Should().BeTrue("the connected trunk forwards calls to the ingress");
        return (builder, id, Twilio.TrunkOf(builder.Account));
    }

    /// <summary>The tenant adds an origination URL of its own in the Console.</summary>
    private async Task<string> AddTenantUrlAsync(EmulatedAccount account, string trunkSid, int priority)
    {
        var created = await TwilioConsoleAsync(account, HttpMethod.Post, $"/v1/Trunks/{trunkSid}/OriginationUrls", new Dictionary<string, string>
        {
            ["FriendlyName"] = "Tenant PBX",
            ["SipUrl"] = "sip:pbx.tenant.example.com",
            ["Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Weight"] = "10",
            ["Enabled"] = "true",
        });
        return created.GetProperty("sid").GetString()!;
    }

    private sealed record OriginationUriView(string? Sid, string? SipUrl, int Priority, int Weight, bool Enabled);
}
