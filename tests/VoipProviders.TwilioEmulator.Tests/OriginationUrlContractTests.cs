using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// Origination URLs (trunking v1 /v1/Trunks/{TrunkSid}/OriginationUrls[/{Sid}]) through the real SDK, checked against
/// twilio-oai trunking.v1.trunk.origination_url and the Create/UpdateOriginationUrlRequest rules (copied here; tests never
/// read ../shared): Weight 1..65535, Priority 0..65535, FriendlyName ≤ 64, SipUrl a sip: URI ("sips is NOT supported").
/// </summary>
public sealed class OriginationUrlContractTests : EmulatorTestBase
{
    private const string PbxUrl = "sip:pbx.example.com:5060";

    /// <summary>trunking.v1.trunk.origination_url: every property with its JSON value kind.</summary>
    private static readonly Dictionary<string, JsonValueKind> OriginationUrlSchema = new()
    {
        ["account_sid"] = JsonValueKind.String,
        ["sid"] = JsonValueKind.String,
        ["trunk_sid"] = JsonValueKind.String,
        ["weight"] = JsonValueKind.Number,
        ["enabled"] = JsonValueKind.True,
        ["sip_url"] = JsonValueKind.String,
        ["friendly_name"] = JsonValueKind.String,
        ["priority"] = JsonValueKind.Number,
        ["date_created"] = JsonValueKind.String,
        ["date_updated"] = JsonValueKind.String,
        ["url"] = JsonValueKind.String,
    };

    private static readonly DateTimeOffset Start = new(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);

    protected override TwilioEmulatorOptions CreateOptions() => new() { TimeProvider = _clock };

    [Fact]
    public async Task Create_list_fetch_and_delete_round_trip()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(friendlyName: "pbx", client: client);

        var primary = await OriginationUrlResource.CreateAsync(trunk.Sid, 60, 10, true, "primary", new Uri(PbxUrl), client);
        var backup = await OriginationUrlResource.CreateAsync(trunk.Sid, 40, 20, false, "backup", new Uri("sip:backup.example.com;transport=tls"), client);

        primary.Sid.Should().MatchRegex("^OU[0-9a-f]{32}$");
        primary.AccountSid.Should().Be(Account.Sid);
        primary.TrunkSid.Should().Be(trunk.Sid);
        primary.Weight.Should().Be(60);
        primary.Priority.Should().Be(10);
        primary.Enabled.Should().BeTrue();
        primary.FriendlyName.Should().Be("primary");
        primary.SipUrl.Should().Be(new Uri(PbxUrl));
        primary.DateCreated.Should().Be(Start.UtcDateTime);
        primary.Url.Should().Be(new Uri($"https://trunking.twilio.com/v1/Trunks/{trunk.Sid}/OriginationUrls/{primary.Sid}"));
        State.RequestsFor(TwilioOperation.CreateOriginationUrl)[0].Form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["Weight"] = "60", ["Priority"] = "10", ["Enabled"] = "true", ["FriendlyName"] = "primary", ["SipUrl"] = PbxUrl,
        });

        var listed = await OriginationUrlResource.ReadAsync(trunk.Sid, client: client);
        listed.Select(o => (o.Sid, o.FriendlyName, o.Enabled)).Should().Equal((primary.Sid, "primary", true), (backup.Sid, "backup", false));
        var fetched = await OriginationUrlResource.FetchAsync(trunk.Sid, backup.Sid, client);
        fetched.SipUrl.Should().Be(new Uri("sip:backup.example.com;transport=tls"));
        fetched.Weight.Should().Be(40);
        fetched.Priority.Should().Be(20);
        fetched.Enabled.Should().BeFalse();

        (await OriginationUrlResource.DeleteAsync(trunk.Sid, primary.Sid, client)).Should().BeTrue();

        State.RequestsFor(TwilioOperation.DeleteOriginationUrl).Single().ResponseStatus.Should().Be(204);
        State.Trunks.Single().OriginationUrls.Select(o => o.Sid).Should().Equal(backup.Sid);
        var fetchDeleted = () => OriginationUrlResource.FetchAsync(trunk.Sid, primary.Sid, client);
        (await fetchDeleted.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var deleteAgain = () => OriginationUrlResource.DeleteAsync(trunk.Sid, primary.Sid, client);
        var notFound = (await deleteAgain.Should().ThrowAsync<ApiException>()).Which;
        notFound.Status.Should().Be(404);
        notFound.Message.Should().Be($"The requested resource /v1/Trunks/{trunk.Sid}/OriginationUrls/{primary.Sid} was not found");
    }

    [Fact]
    public async Task Update_sends_only_the_given_fields_and_changes_only_those()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "primary", new Uri(PbxUrl), client);
        var before = State.Trunks.Single().OriginationUrls.Single();
        _clock.Advance(TimeSpan.FromMinutes(3));

        var updated = await OriginationUrlResource.UpdateAsync(trunk.Sid, url.Sid, weight: 25, client: client);

        var request = State.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().ContainSingle().Which;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}");
        request.OriginalHost.Should().Be("trunking.twilio.com");
        request.Form.Should().BeEquivalentTo(new Dictionary<string, string> { ["Weight"] = "25" });
        request.ResponseStatus.Should().Be(200);
        updated.Weight.Should().Be(25);
        updated.Priority.Should().Be(10);
        updated.Enabled.Should().BeTrue();
        updated.FriendlyName.Should().Be("primary");
        updated.SipUrl.Should().Be(new Uri(PbxUrl));
        updated.DateCreated.Should().Be(Start.UtcDateTime);
        updated.DateUpdated.Should().Be(Start.AddMinutes(3).UtcDateTime);
        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.Should().Be(before with { Weight = 25, DateUpdated = Start.AddMinutes(3) });
    }

    [Fact]
    public async Task Update_changes_every_field_sent()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "primary", new Uri(PbxUrl), client);

        var updated = await OriginationUrlResource.UpdateAsync(
            trunk.Sid, url.Sid, weight: 65535, priority: 0, enabled: false, friendlyName: "moved", sipUrl: new Uri("sip:new.example.com:5061;transport=tls"), client: client);

        State.RequestsFor(TwilioOperation.UpdateOriginationUrl).Single().Form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["Weight"] = "65535", ["Priority"] = "0", ["Enabled"] = "false", ["FriendlyName"] = "moved", ["SipUrl"] = "sip:new.example.com:5061;transport=tls",
        });
        updated.Sid.Should().Be(url.Sid);
        var fetched = await OriginationUrlResource.FetchAsync(trunk.Sid, url.Sid, client);
        fetched.Weight.Should().Be(65535);
        fetched.Priority.Should().Be(0);
        fetched.Enabled.Should().BeFalse();
        fetched.FriendlyName.Should().Be("moved");
        fetched.SipUrl.Should().Be(new Uri("sip:new.example.com:5061;transport=tls"));
        State.Trunks.Single().OriginationUrls.Single().Should().BeEquivalentTo(new
        {
            Weight = 65535, Priority = 0, Enabled = false, FriendlyName = "moved", SipUrl = "sip:new.example.com:5061;transport=tls",
        });
    }

    [Theory]
    [InlineData(1, 0, 64, "sip:a.example.com")]
    [InlineData(65535, 65535, 1, "SIP:pbx.example.com:5061;transport=tls")]
    public async Task Create_accepts_the_boundaries_of_every_rule(int weight, int priority, int nameLength, string sipUrl)
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);

        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, weight, priority, true, new string('n', nameLength), new Uri(sipUrl), client);

        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            url.Sid, Weight = weight, Priority = priority, FriendlyName = new string('n', nameLength), SipUrl = sipUrl,
        });
    }

    [Theory]
    [InlineData(0, 10, 8, PbxUrl, "Weight")]
    [InlineData(65536, 10, 8, PbxUrl, "Weight")]
    [InlineData(10, -1, 8, PbxUrl, "Priority")]
    [InlineData(10, 65536, 8, PbxUrl, "Priority")]
    [InlineData(10, 10, 65, PbxUrl, "FriendlyName")]
    [InlineData(10, 10, 8, "sips:pbx.example.com", "SipUrl")]
    [InlineData(10, 10, 8, "https://pbx.example.com", "SipUrl")]
    [InlineData(10, 10, 8, "pbx.example.com", "SipUrl")]
    public async Task Create_refuses_each_field_rule_with_400_and_stores_nothing(int weight, int priority, int nameLength, string sipUrl, string field)
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);

        var act = () => OriginationUrlResource.CreateAsync(
            trunk.Sid, weight, priority, true, new string('n', nameLength), new Uri(sipUrl, UriKind.RelativeOrAbsolute), client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(20001);
        error.Message.Should().StartWith(field);
        error.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20001");
        State.Trunks.Single().OriginationUrls.Should().BeEmpty();
        State.RequestsFor(TwilioOperation.CreateOriginationUrl).Single().ResponseStatus.Should().Be(400);
    }

    [Theory]
    [InlineData(0, null, null, null, "Weight")]
    [InlineData(65536, null, null, null, "Weight")]
    [InlineData(null, -1, null, null, "Priority")]
    [InlineData(null, 65536, null, null, "Priority")]
    [InlineData(null, null, 65, null, "FriendlyName")]
    [InlineData(null, null, null, "sips:pbx.example.com;transport=tls", "SipUrl")]
    [InlineData(null, null, null, "http://pbx.example.com", "SipUrl")]
    public async Task Update_refuses_each_field_rule_with_400_and_changes_nothing(int? weight, int? priority, int? nameLength, string? sipUrl, string field)
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "primary", new Uri(PbxUrl), client);
        var before = State.Trunks.Single().OriginationUrls.Single();
        _clock.Advance(TimeSpan.FromMinutes(1));

        // A valid change rides along with the invalid one: it must not be applied either.
        var act = () => OriginationUrlResource.UpdateAsync(
            trunk.Sid,
            url.Sid,
            weight: weight,
            priority: priority,
            enabled: false,
            friendlyName: nameLength is { } length ? new string('n', length) : null,
            sipUrl: sipUrl is null ? null : new Uri(sipUrl),
            client: client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(20001);
        error.Message.Should().StartWith(field);
        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.Should().Be(before);
        var fetched = await OriginationUrlResource.FetchAsync(trunk.Sid, url.Sid, client);
        fetched.Enabled.Should().BeTrue();
        fetched.DateUpdated.Should().Be(Start.UtcDateTime);
    }

    [Fact]
    public async Task Sips_is_refused_on_create_and_update_with_a_message_pointing_at_transport_tls()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "primary", new Uri(PbxUrl), client);

        var create = () => OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "secure", new Uri("sips:pbx.example.com:5061"), client);
        var update = () => OriginationUrlResource.UpdateAsync(trunk.Sid, url.Sid, sipUrl: new Uri("SIPS:pbx.example.com:5061"), client: client);

        var created = (await create.Should().ThrowAsync<ApiException>()).Which;
        created.Status.Should().Be(400);
        created.Message.Should().Be("SipUrl 'sips:pbx.example.com:5061' is invalid: the sips: scheme is not supported, use a sip: URI with ;transport=tls");
        var updated = (await update.Should().ThrowAsync<ApiException>()).Which;
        updated.Status.Should().Be(400);
        updated.Message.Should().Contain("sips: scheme is not supported");
        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.SipUrl.Should().Be(PbxUrl);
    }

    [Theory]
    [InlineData("Weight")]
    [InlineData("Priority")]
    [InlineData("Enabled")]
    [InlineData("FriendlyName")]
    [InlineData("SipUrl")]
    public async Task Create_without_a_required_field_is_400_naming_it(string missing)
    {
        var trunk = await TrunkResource.CreateAsync(client: Client());
        var form = ValidForm();
        form.Remove(missing);

        using var response = await PostFormAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("code").GetInt32().Should().Be(20001);
        body.GetProperty("message").GetString().Should().Be($"Missing required parameter {missing} in the post body");
        State.Trunks.Single().OriginationUrls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Enabled", "maybe")]
    [InlineData("Weight", "ten")]
    [InlineData("Priority", "1.5")]
    [InlineData("SipUrl", "sip:")]
    [InlineData("SipUrl", "sip:pbx example.com")]
    public async Task Create_with_an_unparsable_value_is_400(string field, string value)
    {
        var trunk = await TrunkResource.CreateAsync(client: Client());
        var form = ValidForm();
        form[field] = value;

        using var response = await PostFormAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().StartWith(field);
        State.Trunks.Single().OriginationUrls.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_trunk_or_origination_url_is_404()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var otherTrunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "primary", new Uri(PbxUrl), client);
        var unknownTrunk = "TK" + new string('0', 32);
        var unknownUrl = "OU" + new string('0', 32);
        var other = State.AddAccount("Other tenant");

        Func<Task>[] calls =
        [
            () => OriginationUrlResource.CreateAsync(unknownTrunk, 10, 10, true, "x", new Uri(PbxUrl), client),
            () => OriginationUrlResource.ReadAsync(unknownTrunk, client: client),
            () => OriginationUrlResource.FetchAsync(trunk.Sid, unknownUrl, client),
            () => OriginationUrlResource.UpdateAsync(trunk.Sid, unknownUrl, weight: 5, client: client),
            () => OriginationUrlResource.DeleteAsync(trunk.Sid, unknownUrl, client),
            () => OriginationUrlResource.FetchAsync(otherTrunk.Sid, url.Sid, client),
            () => OriginationUrlResource.UpdateAsync(otherTrunk.Sid, url.Sid, weight: 5, client: client),
            () => OriginationUrlResource.DeleteAsync(otherTrunk.Sid, url.Sid, client),
            () => OriginationUrlResource.UpdateAsync(trunk.Sid, url.Sid, weight: 5, client: Client(other)),
        ];

        foreach (var call in calls)
        {
            var error = (await call.Should().ThrowAsync<ApiException>()).Which;
            error.Status.Should().Be(404);
            error.Code.Should().Be(20404);
        }

        State.Trunks.Single(t => t.Sid == trunk.Sid).OriginationUrls.Should().ContainSingle().Which.Weight.Should().Be(10);
        State.RequestsFor(TwilioOperation.UpdateOriginationUrl).Select(r => r.ResponseStatus).Should().Equal(404, 404, 404);
    }

    [Fact]
    public async Task Json_has_exactly_the_oai_schema_properties_with_their_types()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 7, 3, true, "shape", new Uri("sip:shape.example.com;transport=tls"), client);

        using var fetched = await GetJsonAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}");
        using var listed = await GetJsonAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls");
        using var updated = await PostFormAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}", new Dictionary<string, string> { ["Priority"] = "4" });

        var root = fetched.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(OriginationUrlSchema.Keys);
        foreach (var (key, kind) in OriginationUrlSchema)
        {
            root.GetProperty(key).ValueKind.Should().Be(kind, key);
        }

        root.GetProperty("account_sid").GetString().Should().Be(Account.Sid);
        root.GetProperty("sid").GetString().Should().Be(url.Sid);
        root.GetProperty("trunk_sid").GetString().Should().Be(trunk.Sid);
        root.GetProperty("weight").GetInt32().Should().Be(7);
        root.GetProperty("priority").GetInt32().Should().Be(3);
        root.GetProperty("sip_url").GetString().Should().Be("sip:shape.example.com;transport=tls");
        root.GetProperty("friendly_name").GetString().Should().Be("shape");
        root.GetProperty("date_created").GetString().Should().Be("2025-06-07T08:09:10Z");
        root.GetProperty("date_updated").GetString().Should().Be("2025-06-07T08:09:10Z");
        root.GetProperty("url").GetString().Should().Be($"https://trunking.twilio.com/v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}");
        listed.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["origination_urls", "meta"]);
        listed.RootElement.GetProperty("meta").GetProperty("key").GetString().Should().Be("origination_urls");
        listed.RootElement.GetProperty("origination_urls")[0].GetRawText().Should().Be(root.GetRawText());
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var updatedJson = await updated.Content.ReadFromJsonAsync<JsonElement>();
        updatedJson.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(OriginationUrlSchema.Keys);
        updatedJson.GetProperty("priority").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task Deleting_a_trunk_removes_its_origination_urls_only()
    {
        var client = Client();
        var doomed = await TrunkResource.CreateAsync(friendlyName: "doomed", client: client);
        var kept = await TrunkResource.CreateAsync(friendlyName: "kept", client: client);
        var doomedUrl = await OriginationUrlResource.CreateAsync(doomed.Sid, 10, 10, true, "a", new Uri(PbxUrl), client);
        await OriginationUrlResource.CreateAsync(doomed.Sid, 10, 20, true, "b", new Uri("sip:b.example.com"), client);
        var keptUrl = await OriginationUrlResource.CreateAsync(kept.Sid, 10, 10, true, "c", new Uri("sip:c.example.com"), client);

        (await TrunkResource.DeleteAsync(doomed.Sid, client)).Should().BeTrue();

        var remaining = State.Trunks.Should().ContainSingle().Which;
        remaining.Sid.Should().Be(kept.Sid);
        remaining.OriginationUrls.Select(o => o.Sid).Should().Equal(keptUrl.Sid);
        (await OriginationUrlResource.ReadAsync(kept.Sid, client: client)).Select(o => o.Sid).Should().Equal(keptUrl.Sid);
        using var gone = await RawClient().GetAsync(new Uri($"v1/Trunks/{doomed.Sid}/OriginationUrls/{doomedUrl.Sid}", UriKind.Relative));
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var goneList = await RawClient().GetAsync(new Uri($"v1/Trunks/{doomed.Sid}/OriginationUrls", UriKind.Relative));
        goneList.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Snapshot_and_admin_state_expose_origination_urls()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 30, 2, false, "snap", new Uri("sip:snap.example.com;transport=tls"), client);

        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.Should().Be(new EmulatedOriginationUrl
        {
            Sid = url.Sid,
            AccountSid = Account.Sid,
            TrunkSid = trunk.Sid,
            FriendlyName = "snap",
            SipUrl = "sip:snap.example.com;transport=tls",
            Weight = 30,
            Priority = 2,
            Enabled = false,
            DateCreated = Start,
            DateUpdated = Start,
        });
        var admin = await RawClient(authenticate: false).GetFromJsonAsync<JsonElement>(new Uri("_emulator/state", UriKind.Relative));
        var adminUrl = admin.GetProperty("trunks")[0].GetProperty("originationUrls").EnumerateArray().Should().ContainSingle().Which;
        adminUrl.GetProperty("sid").GetString().Should().Be(url.Sid);
        adminUrl.GetProperty("sipUrl").GetString().Should().Be("sip:snap.example.com;transport=tls");
        adminUrl.GetProperty("weight").GetInt32().Should().Be(30);
        adminUrl.GetProperty("priority").GetInt32().Should().Be(2);
        adminUrl.GetProperty("enabled").GetBoolean().Should().BeFalse();
    }

    private static Dictionary<string, string> ValidForm() => new()
    {
        ["Weight"] = "10", ["Priority"] = "10", ["Enabled"] = "true", ["FriendlyName"] = "raw", ["SipUrl"] = PbxUrl,
    };

    private async Task<HttpResponseMessage> PostFormAsync(string relative, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await RawClient().PostAsync(new Uri(relative, UriKind.Relative), content);
    }

    private async Task<JsonDocument> GetJsonAsync(string relative) =>
        JsonDocument.Parse(await RawClient().GetStringAsync(new Uri(relative, UriKind.Relative)));
}
