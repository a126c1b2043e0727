using System.Net;
using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Sip.CredentialList;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using HttpMethod = Twilio.Http.HttpMethod;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// UpdateTrunk, DeleteTrunk (trunking v1) and DeleteSipCredentialList (api v2010) through the real SDK, checked against
/// twilio-oai (twilio_trunking_v1.json / twilio_api_v2010.json). The schema facts are copied here; tests never read ../shared.
/// </summary>
public sealed class TrunkLifecycleContractTests : EmulatorTestBase
{
    private const string StrongPassword = "Sup3rSecretPassw0rd";
    private const string WrongToken = "0123456789abcdef0123456789abcdef";
    private const string Trunking = "https://trunking.twilio.com";

    /// <summary>trunking.v1.trunk: every property with its JSON type; all are nullable except the two enum $refs.</summary>
    private static readonly Dictionary<string, (string Type, bool Nullable)> TrunkSchema = new()
    {
        ["account_sid"] = ("string", true),
        ["domain_name"] = ("string", true),
        ["disaster_recovery_method"] = ("string", true),
        ["disaster_recovery_url"] = ("string", true),
        ["friendly_name"] = ("string", true),
        ["secure"] = ("boolean", true),
        ["recording"] = ("object", true), // untyped in the schema; the examples (and the SDK's object) use {mode, trim}
        ["transfer_mode"] = ("string", false),
        ["transfer_caller_id"] = ("string", false),
        ["cnam_lookup_enabled"] = ("boolean", true),
        ["auth_type"] = ("string", true),
        ["symmetric_rtp_enabled"] = ("boolean", true),
        ["auth_type_set"] = ("array", true),
        ["date_created"] = ("string", true),
        ["date_updated"] = ("string", true),
        ["sid"] = ("string", true),
        ["url"] = ("string", true),
        ["links"] = ("object", true),
    };

    /// <summary>UpdateTrunkRequest (application/x-www-form-urlencoded): the only fields UpdateTrunk takes.</summary>
    private static readonly string[] UpdateTrunkRequestFields =
        ["FriendlyName", "DomainName", "DisasterRecoveryUrl", "DisasterRecoveryMethod", "TransferMode", "Secure", "CnamLookupEnabled", "TransferCallerId"];

    private static readonly string[] TransferModes = ["disable-all", "enable-all", "sip-only"];
    private static readonly string[] TransferCallerIds = ["from-transferee", "from-transferor"];
    private static readonly string[] HttpMethods = ["GET", "POST"];
    private static readonly string[] RecordingModes = ["do-not-record", "record-from-ringing", "record-from-answer", "record-from-ringing-dual", "record-from-answer-dual"];
    private static readonly string[] RecordingTrims = ["trim-silence", "do-not-trim"];
    private static readonly string[] TrunkLinks = ["origination_urls", "credential_lists", "ip_access_control_lists", "phone_numbers"];
    private static readonly string[] ErrorKeys = ["code", "message", "more_info", "status"];
    private static readonly string[] UnauthorizedKeys = ["code", "detail", "message", "more_info", "status"];

    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);

    /// <summary>Every test runs on a hand-moved clock, so dates are asserted exactly.</summary>
    protected override TwilioEmulatorOptions CreateOptions() => new() { TimeProvider = _clock };

    [Fact]
    public async Task UpdateTrunk_sends_only_the_given_fields_and_changes_only_those()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(
            friendlyName: "Before",
            domainName: "partial.pstn.twilio.com",
            disasterRecoveryUrl: new Uri("https://dr.example.com/twiml"),
            disasterRecoveryMethod: HttpMethod.Get,
            secure: true,
            cnamLookupEnabled: true,
            transferCallerId: TrunkResource.TransferCallerIdEnum.FromTransferor,
            client: client);
        var before = State.Trunks.Single();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await TrunkResource.UpdateAsync(trunk.Sid, transferMode: TrunkResource.TransferSettingEnum.SipOnly, client: client);

        var request = State.RequestsFor(TwilioOperation.UpdateTrunk).Should().ContainSingle().Which;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/v1/Trunks/{trunk.Sid}");
        request.OriginalHost.Should().Be("trunking.twilio.com");
        request.Form.Should().BeEquivalentTo(new Dictionary<string, string> { ["TransferMode"] = "sip-only" });
        request.ResponseStatus.Should().Be(200);
        updated.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.SipOnly);
        updated.FriendlyName.Should().Be("Before");
        updated.DomainName.Should().Be("partial.pstn.twilio.com");
        updated.DisasterRecoveryUrl.Should().Be(new Uri("https://dr.example.com/twiml"));
        updated.DisasterRecoveryMethod.Should().Be(HttpMethod.Get);
        updated.Secure.Should().BeTrue();
        updated.CnamLookupEnabled.Should().BeTrue();
        updated.TransferCallerId.Should().Be(TrunkResource.TransferCallerIdEnum.FromTransferor);
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(
            before with { TransferMode = "sip-only", DateUpdated = Start.AddMinutes(5) });
    }

    [Theory]
    [InlineData("disable-all", "enable-all")]
    [InlineData("enable-all", "sip-only")]
    [InlineData("sip-only", "disable-all")]
    public async Task UpdateTrunk_accepts_every_spec_transfer_mode(string from, string to)
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(friendlyName: "modes", transferMode: from, client: client);

        var updated = await TrunkResource.UpdateAsync(trunk.Sid, transferMode: to, client: client);

        updated.TransferMode.ToString().Should().Be(to);
        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Form.Should().BeEquivalentTo(new Dictionary<string, string> { ["TransferMode"] = to });
        State.Trunks.Single().TransferMode.Should().Be(to);
        (await TrunkResource.FetchAsync(trunk.Sid, client)).TransferMode.ToString().Should().Be(to);
    }

    [Fact]
    public async Task UpdateTrunk_with_every_field_posts_the_spec_form_and_answers_200_with_the_full_trunk()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(friendlyName: "Before", domainName: "before.pstn.twilio.com", client: client);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
        _clock.Advance(TimeSpan.FromHours(1));

        var updated = await TrunkResource.UpdateAsync(
            trunk.Sid,
            friendlyName: "After",
            domainName: "after.pstn.twilio.com",
            disasterRecoveryUrl: new Uri("https://dr.example.com/recover"),
            disasterRecoveryMethod: HttpMethod.Get,
            transferMode: TrunkResource.TransferSettingEnum.EnableAll,
            secure: true,
            cnamLookupEnabled: true,
            transferCallerId: TrunkResource.TransferCallerIdEnum.FromTransferor,
            client: client);

        var form = State.RequestsFor(TwilioOperation.UpdateTrunk).Should().ContainSingle().Which.Form;
        form.Keys.Should().BeEquivalentTo(UpdateTrunkRequestFields);
        form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["FriendlyName"] = "After",
            ["DomainName"] = "after.pstn.twilio.com",
            ["DisasterRecoveryUrl"] = "https://dr.example.com/recover",
            ["DisasterRecoveryMethod"] = "GET",
            ["TransferMode"] = "enable-all",
            ["Secure"] = "true",
            ["CnamLookupEnabled"] = "true",
            ["TransferCallerId"] = "from-transferor",
        });
        var response = recorder.Last;
        response.Status.Should().Be(HttpStatusCode.OK);
        response.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        ShouldMatchTrunkSchema(root);
        root.GetProperty("sid").GetString().Should().Be(trunk.Sid);
        root.GetProperty("account_sid").GetString().Should().Be(Account.Sid);
        root.GetProperty("friendly_name").GetString().Should().Be("After");
        root.GetProperty("domain_name").GetString().Should().Be("after.pstn.twilio.com");
        root.GetProperty("disaster_recovery_url").GetString().Should().Be("https://dr.example.com/recover");
        root.GetProperty("disaster_recovery_method").GetString().Should().Be("GET");
        root.GetProperty("transfer_mode").GetString().Should().Be("enable-all");
        root.GetProperty("transfer_caller_id").GetString().Should().Be("from-transferor");
        root.GetProperty("secure").GetBoolean().Should().BeTrue();
        root.GetProperty("cnam_lookup_enabled").GetBoolean().Should().BeTrue();
        root.GetProperty("auth_type").GetString().Should().Be("CREDENTIAL_LIST");
        root.GetProperty("auth_type_set").EnumerateArray().Select(e => e.GetString()).Should().Equal("CREDENTIAL_LIST");
        root.GetProperty("date_created").GetString().Should().Be("2025-03-04T05:06:07Z");
        root.GetProperty("date_updated").GetString().Should().Be("2025-03-04T06:06:07Z");
        updated.DateCreated.Should().Be(Start.UtcDateTime);
        updated.DateUpdated.Should().Be(Start.AddHours(1).UtcDateTime);
        updated.Links.Should().BeEquivalentTo(TrunkLinks.ToDictionary(k => k, k => $"{Trunking}/v1/Trunks/{trunk.Sid}/{PascalCase(k)}"));
        State.Trunks.Single().Should().BeEquivalentTo(new
        {
            FriendlyName = "After",
            DomainName = "after.pstn.twilio.com",
            DisasterRecoveryUrl = "https://dr.example.com/recover",
            DisasterRecoveryMethod = "GET",
            TransferMode = "enable-all",
            TransferCallerId = "from-transferor",
            Secure = true,
            CnamLookupEnabled = true,
            DateCreated = Start,
            DateUpdated = Start.AddHours(1),
            CredentialListSids = new[] { list.Sid },
        });
    }

    [Fact]
    public async Task UpdateTrunk_of_a_bare_trunk_still_renders_every_schema_property()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(client: client);

        await TrunkResource.UpdateAsync(trunk.Sid, friendlyName: "named", client: client);

        using var json = JsonDocument.Parse(recorder.Last.Body);
        ShouldMatchTrunkSchema(json.RootElement);
        json.RootElement.GetProperty("domain_name").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("disaster_recovery_url").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("auth_type").GetString().Should().BeEmpty();
        json.RootElement.GetProperty("auth_type_set").GetArrayLength().Should().Be(0);
        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Form.Should().BeEquivalentTo(new Dictionary<string, string> { ["FriendlyName"] = "named" });
    }

    [Fact]
    public async Task UpdateTrunk_of_an_unknown_sid_is_404_20404()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var existing = await TrunkResource.CreateAsync(friendlyName: "kept", client: client);
        var before = State.Trunks.Single();
        var unknown = $"TK{new string('0', 32)}";

        var act = () => TrunkResource.UpdateAsync(unknown, friendlyName: "ghost", client: client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /v1/Trunks/{unknown} was not found");
        error.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20404");
        ShouldBeTwilioError(recorder.Last, HttpStatusCode.NotFound, 20404);
        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Should().BeEquivalentTo(new
        {
            Path = $"/v1/Trunks/{unknown}",
            ResponseStatus = 404,
            Form = new Dictionary<string, string> { ["FriendlyName"] = "ghost" },
        });
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(before);
        existing.FriendlyName.Should().Be("kept");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("sip_only")]
    public async Task UpdateTrunk_with_a_transfer_mode_outside_the_enum_is_400_and_changes_nothing(string transferMode)
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(friendlyName: "stable", transferMode: TrunkResource.TransferSettingEnum.EnableAll, client: client);
        var before = State.Trunks.Single();

        var act = () => TrunkResource.UpdateAsync(trunk.Sid, friendlyName: "changed", transferMode: transferMode, client: client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(TwilioErrorCodes.InvalidParameter);
        error.Message.Should().Contain("TransferMode").And.Contain("disable-all, enable-all, sip-only");
        error.MoreInfo.Should().Be($"https://www.twilio.com/docs/errors/{TwilioErrorCodes.InvalidParameter}");
        ShouldBeTwilioError(recorder.Last, HttpStatusCode.BadRequest, TwilioErrorCodes.InvalidParameter);
        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Should().BeEquivalentTo(new
        {
            ResponseStatus = 400,
            Form = new Dictionary<string, string> { ["FriendlyName"] = "changed", ["TransferMode"] = transferMode },
        });
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task UpdateTrunk_with_wrong_credentials_is_401_20003_and_changes_nothing()
    {
        var trunk = await TrunkResource.CreateAsync(friendlyName: "stable", client: Client());
        var before = State.Trunks.Single();
        var recorder = new ResponseRecorder();

        var act = () => TrunkResource.UpdateAsync(
            trunk.Sid, transferMode: TrunkResource.TransferSettingEnum.SipOnly, client: Client(authToken: WrongToken, recorder: recorder));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        error.Message.Should().Be("Authenticate");
        recorder.Last.Status.Should().Be(HttpStatusCode.Unauthorized);
        using (var json = JsonDocument.Parse(recorder.Last.Body))
        {
            Keys(json.RootElement).Should().BeEquivalentTo(UnauthorizedKeys);
        }

        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Should().BeEquivalentTo(new
        {
            AuthUser = Account.Sid,
            Authenticated = false,
            ResponseStatus = 401,
            Form = new Dictionary<string, string> { ["TransferMode"] = "sip-only" },
        });
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task UpdateTrunk_of_another_accounts_trunk_is_404_and_changes_nothing()
    {
        var trunk = await TrunkResource.CreateAsync(friendlyName: "mine", client: Client());
        var before = State.Trunks.Single();
        var other = State.AddAccount("Other tenant");

        var act = () => TrunkResource.UpdateAsync(trunk.Sid, friendlyName: "stolen", transferMode: TrunkResource.TransferSettingEnum.EnableAll, client: Client(other));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Should().BeEquivalentTo(new { AuthUser = other.Sid, Authenticated = true, ResponseStatus = 404 });
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task DeleteTrunk_answers_204_with_an_empty_body()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(friendlyName: "doomed", client: client);

        var deleted = await TrunkResource.DeleteAsync(trunk.Sid, client);

        deleted.Should().BeTrue();
        recorder.Last.Should().BeEquivalentTo(new { Method = "DELETE", Status = HttpStatusCode.NoContent, MediaType = (string?)null, Body = "" });
        State.RequestsFor(TwilioOperation.DeleteTrunk).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Method = "DELETE",
            Path = $"/v1/Trunks/{trunk.Sid}",
            OriginalHost = "trunking.twilio.com",
            Authenticated = true,
            ResponseStatus = 204,
            Form = new Dictionary<string, string>(),
        });
        State.Trunks.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteTrunk_twice_is_404_20404()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(client: client);
        await TrunkResource.DeleteAsync(trunk.Sid, client);

        var again = () => TrunkResource.DeleteAsync(trunk.Sid, client);

        var error = (await again.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /v1/Trunks/{trunk.Sid} was not found");
        ShouldBeTwilioError(recorder.Last, HttpStatusCode.NotFound, 20404);
        State.RequestsFor(TwilioOperation.DeleteTrunk).Select(r => r.ResponseStatus).Should().Equal(204, 404);
        var fetch = () => TrunkResource.FetchAsync(trunk.Sid, client);
        (await fetch.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Fact]
    public async Task DeleteTrunk_detaches_its_numbers_and_drops_its_credential_list_associations_but_keeps_the_lists()
    {
        var client = Client();
        var numbers = AddNumbers(4);
        var doomed = await TrunkResource.CreateAsync(domainName: "doomed.pstn.twilio.com", client: client);
        var survivor = await TrunkResource.CreateAsync(domainName: "survivor.pstn.twilio.com", client: client);
        var shared = await ApiCredentialListResource.CreateAsync("shared", client: client);
        var own = await ApiCredentialListResource.CreateAsync("own", client: client);
        var credential = await CredentialResource.CreateAsync(shared.Sid, "pbx-user", StrongPassword, client: client);
        await TrunkCredentialListResource.CreateAsync(doomed.Sid, shared.Sid, client);
        await TrunkCredentialListResource.CreateAsync(doomed.Sid, own.Sid, client);
        await TrunkCredentialListResource.CreateAsync(survivor.Sid, shared.Sid, client);
        await PhoneNumberResource.CreateAsync(doomed.Sid, numbers[0].Sid, client);
        await PhoneNumberResource.CreateAsync(doomed.Sid, numbers[1].Sid, client);
        await PhoneNumberResource.CreateAsync(survivor.Sid, numbers[2].Sid, client);
        await OriginationUrlResource.CreateAsync(doomed.Sid, 10, 10, true, "pbx", new Uri("sip:pbx.example.com:5060"), client);
        _clock.Advance(TimeSpan.FromMinutes(1));

        (await TrunkResource.DeleteAsync(doomed.Sid, client)).Should().BeTrue();

        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            survivor.Sid,
            CredentialListSids = new[] { shared.Sid },
            PhoneNumberSids = new[] { numbers[2].Sid },
        });
        State.PhoneNumbers.Select(p => (p.Sid, p.TrunkSid)).Should().BeEquivalentTo(
        [
            (numbers[0].Sid, (string?)null),
            (numbers[1].Sid, (string?)null),
            (numbers[2].Sid, survivor.Sid),
            (numbers[3].Sid, (string?)null),
        ]);
        State.PhoneNumbers.Where(p => p.Sid == numbers[0].Sid || p.Sid == numbers[1].Sid).Should().OnlyContain(p => p.DateUpdated == Start.AddMinutes(1));
        State.CredentialLists.Should().HaveCount(2);
        State.CredentialLists.Single(l => l.Sid == shared.Sid).Should().BeEquivalentTo(new
        {
            FriendlyName = "shared",
            TrunkSids = new[] { survivor.Sid },
            Credentials = new[] { new { credential.Sid, Username = "pbx-user", Password = StrongPassword } },
        });
        State.CredentialLists.Single(l => l.Sid == own.Sid).TrunkSids.Should().BeEmpty();

        var number = await IncomingPhoneNumberResource.FetchAsync(numbers[0].Sid, client: client);
        number.TrunkSid.Should().BeNull();
        (await ApiCredentialListResource.FetchAsync(own.Sid, client: client)).FriendlyName.Should().Be("own");
        (await TrunkResource.FetchAsync(survivor.Sid, client)).AuthType.Should().Be("CREDENTIAL_LIST");
        var association = () => TrunkCredentialListResource.FetchAsync(doomed.Sid, shared.Sid, client);
        (await association.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var attached = () => PhoneNumberResource.FetchAsync(doomed.Sid, numbers[0].Sid, client);
        (await attached.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Fact]
    public async Task DeleteTrunk_of_another_accounts_trunk_is_404_and_keeps_it()
    {
        var number = AddNumbers(1)[0];
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(friendlyName: "mine", client: client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        var before = State.Trunks.Single();
        var other = State.AddAccount("Other tenant");

        var act = () => TrunkResource.DeleteAsync(trunk.Sid, Client(other));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(before);
        State.PhoneNumbers.Single().TrunkSid.Should().Be(trunk.Sid);
    }

    [Fact]
    public async Task DeleteTrunk_with_wrong_credentials_is_401_20003_and_keeps_it()
    {
        var trunk = await TrunkResource.CreateAsync(friendlyName: "mine", client: Client());

        var act = () => TrunkResource.DeleteAsync(trunk.Sid, Client(authToken: WrongToken));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        State.RequestsFor(TwilioOperation.DeleteTrunk).Single().Should().BeEquivalentTo(new { Authenticated = false, ResponseStatus = 401 });
        State.Trunks.Should().ContainSingle();
    }

    [Fact]
    public async Task DeleteCredentialList_answers_204_and_removes_its_credentials_and_every_trunk_association()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var first = await TrunkResource.CreateAsync(friendlyName: "first", client: client);
        var second = await TrunkResource.CreateAsync(friendlyName: "second", client: client);
        var doomed = await ApiCredentialListResource.CreateAsync("doomed", client: client);
        var kept = await ApiCredentialListResource.CreateAsync("kept", client: client);
        using (var created = JsonDocument.Parse(recorder.Last.Body))
        {
            created.RootElement.GetProperty("date_created").GetString().Should().Be("Tue, 04 Mar 2025 05:06:07 +0000");
        }

        await CredentialResource.CreateAsync(doomed.Sid, "alice", StrongPassword, client: client);
        await CredentialResource.CreateAsync(doomed.Sid, "bob", StrongPassword, client: client);
        var keptCredential = await CredentialResource.CreateAsync(kept.Sid, "carol", StrongPassword, client: client);
        await TrunkCredentialListResource.CreateAsync(first.Sid, doomed.Sid, client);
        await TrunkCredentialListResource.CreateAsync(second.Sid, doomed.Sid, client);
        await TrunkCredentialListResource.CreateAsync(first.Sid, kept.Sid, client);

        var deleted = await ApiCredentialListResource.DeleteAsync(doomed.Sid, client: client);

        deleted.Should().BeTrue();
        recorder.Last.Should().BeEquivalentTo(new { Method = "DELETE", Status = HttpStatusCode.NoContent, MediaType = (string?)null, Body = "" });
        State.RequestsFor(TwilioOperation.DeleteCredentialList).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Method = "DELETE",
            Path = $"/2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{doomed.Sid}.json",
            OriginalHost = "api.twilio.com",
            ResponseStatus = 204,
            Form = new Dictionary<string, string>(),
        });
        State.CredentialLists.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            kept.Sid,
            TrunkSids = new[] { first.Sid },
            Credentials = new[] { new { keptCredential.Sid, Username = "carol" } },
        });
        State.Trunks.Single(t => t.Sid == first.Sid).CredentialListSids.Should().Equal(kept.Sid);
        State.Trunks.Single(t => t.Sid == second.Sid).CredentialListSids.Should().BeEmpty();
        var secondTrunk = await TrunkResource.FetchAsync(second.Sid, client);
        secondTrunk.AuthType.Should().BeEmpty();
        secondTrunk.AuthTypeSet.Should().BeEmpty();
        (await TrunkCredentialListResource.ReadAsync(first.Sid, client: client)).Select(l => l.Sid).Should().Equal(kept.Sid);
        var credentials = () => CredentialResource.ReadAsync(doomed.Sid, client: client);
        (await credentials.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Fact]
    public async Task DeleteCredentialList_twice_is_404_20404()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        await ApiCredentialListResource.DeleteAsync(list.Sid, client: client);

        var again = () => ApiCredentialListResource.DeleteAsync(list.Sid, client: client);

        var error = (await again.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{list.Sid}.json was not found");
        ShouldBeTwilioError(recorder.Last, HttpStatusCode.NotFound, 20404);
        State.RequestsFor(TwilioOperation.DeleteCredentialList).Select(r => r.ResponseStatus).Should().Equal(204, 404);
    }

    [Fact]
    public async Task DeleteCredentialList_of_another_accounts_list_is_404_and_keeps_it()
    {
        var list = await ApiCredentialListResource.CreateAsync("mine", client: Client());
        await CredentialResource.CreateAsync(list.Sid, "alice", StrongPassword, client: Client());
        var other = State.AddAccount("Other tenant");

        var act = () => ApiCredentialListResource.DeleteAsync(list.Sid, client: Client(other));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        State.RequestsFor(TwilioOperation.DeleteCredentialList).Single().Path
            .Should().Be($"/2010-04-01/Accounts/{other.Sid}/SIP/CredentialLists/{list.Sid}.json");
        State.CredentialLists.Should().ContainSingle().Which.Credentials.Should().ContainSingle();
    }

    [Fact]
    public async Task DeleteCredentialList_with_wrong_credentials_is_401_20003_and_keeps_it()
    {
        var list = await ApiCredentialListResource.CreateAsync("mine", client: Client());

        var act = () => ApiCredentialListResource.DeleteAsync(list.Sid, client: Client(authToken: WrongToken));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        State.CredentialLists.Should().ContainSingle();
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>origination_urls → OriginationUrls.</summary>
    private static string PascalCase(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static void ShouldMatchTrunkSchema(JsonElement trunk)
    {
        Keys(trunk).Should().BeEquivalentTo(TrunkSchema.Keys, "the trunk has exactly the trunking.v1.trunk properties");
        foreach (var (name, (type, nullable)) in TrunkSchema)
        {
            var value = trunk.GetProperty(name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                nullable.Should().BeTrue($"{name} is not nullable in trunking.v1.trunk");
                continue;
            }

            TypeOf(value).Should().Be(type, $"{name} is a {type} in trunking.v1.trunk");
        }

        var sid = trunk.GetProperty("sid").GetString();
        sid.Should().MatchRegex("^TK[0-9a-fA-F]{32}$");
        trunk.GetProperty("account_sid").GetString().Should().MatchRegex("^AC[0-9a-fA-F]{32}$");
        trunk.GetProperty("transfer_mode").GetString().Should().BeOneOf(TransferModes);
        trunk.GetProperty("transfer_caller_id").GetString().Should().BeOneOf(TransferCallerIds);
        if (trunk.GetProperty("disaster_recovery_method").ValueKind == JsonValueKind.String)
        {
            trunk.GetProperty("disaster_recovery_method").GetString().Should().BeOneOf(HttpMethods);
        }

        if (trunk.GetProperty("disaster_recovery_url").GetString() is { } recoveryUrl)
        {
            Uri.IsWellFormedUriString(recoveryUrl, UriKind.Absolute).Should().BeTrue("disaster_recovery_url has format uri");
        }

        trunk.GetProperty("date_created").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", "trunking dates are ISO 8601");
        trunk.GetProperty("date_updated").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", "trunking dates are ISO 8601");
        trunk.GetProperty("auth_type_set").EnumerateArray().Where(e => e.ValueKind != JsonValueKind.String).Should().BeEmpty("auth_type_set is an array of strings");
        var recording = trunk.GetProperty("recording");
        Keys(recording).Should().BeEquivalentTo(["mode", "trim"]);
        recording.GetProperty("mode").GetString().Should().BeOneOf(RecordingModes);
        recording.GetProperty("trim").GetString().Should().BeOneOf(RecordingTrims);
        var url = $"{Trunking}/v1/Trunks/{sid}";
        trunk.GetProperty("url").GetString().Should().Be(url);
        var links = trunk.GetProperty("links");
        Keys(links).Should().BeEquivalentTo(TrunkLinks);
        foreach (var link in TrunkLinks)
        {
            links.GetProperty(link).GetString().Should().Be($"{url}/{PascalCase(link)}");
        }
    }

    private static void ShouldBeTwilioError(RecordedResponse response, HttpStatusCode status, int code)
    {
        response.Status.Should().Be(status);
        response.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Keys(root).Should().BeEquivalentTo(ErrorKeys);
        root.GetProperty("code").GetInt32().Should().Be(code);
        root.GetProperty("status").GetInt32().Should().Be((int)status);
        root.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        root.GetProperty("more_info").GetString().Should().Be($"https://www.twilio.com/docs/errors/{code}");
    }
}
