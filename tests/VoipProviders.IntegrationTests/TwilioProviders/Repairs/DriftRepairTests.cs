using System.Text.Json;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §1/§3: for every drift the verification finds, the dry run plans exactly the action(s) that repair it and
/// changes nothing; applying the plan makes exactly the Twilio writes that restore the module's own resources in the
/// tenant's account, answers a passing verification, and the next verification passes too.
/// </summary>
public sealed class DriftRepairTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    [Fact]
    public async Task A_deleted_trunk_is_recreated_with_a_new_SID_and_domain_and_gets_its_list_origination_URL_and_numbers_back()
    {
        var p = await ConnectProviderAsync(numbers: 1);
        var number = p.Numbers[0];
        await DeleteTrunkInConsoleAsync(p);

        var run = await PlanAndRepairAsync(
            p,
            (RecreateTrunk, p.TrunkSid),
            (AssociateCredentialList, p.CredentialListSid),
            (CreateOriginationUrl, p.OriginationUrl.SipUrl),
            (ReattachPhoneNumber, number.Sid));

        ActionNamed(run.Plan, RecreateTrunk).GetProperty("reason").GetString().Should().Contain("termination URI", "the plan says the SIP address changes");
        var trunk = Twilio.TrunkOf(p.Account);
        trunk.Sid.Should().NotBe(p.TrunkSid);
        trunk.DomainName.Should().NotBe(p.Trunk.DomainName).And.MatchRegex(@"^vp-[0-9a-f]{16}\.pstn\.twilio\.com$");
        (trunk.TransferMode, trunk.Secure).Should().Be((p.Trunk.TransferMode, p.Trunk.Secure), "the new trunk has the provider's settings");
        trunk.CredentialListSids.Should().Equal(p.CredentialListSid);
        trunk.PhoneNumberSids.Should().Equal(number.Sid);
        var url = trunk.Ours().Should().ContainSingle().Subject;
        (url.FriendlyName, url.SipUrl, url.Priority, url.Weight, url.Enabled)
            .Should().Be((p.OriginationUrl.FriendlyName, p.OriginationUrl.SipUrl, p.OriginationUrl.Priority, p.OriginationUrl.Weight, true));
        Twilio.CredentialLists.Should().ContainSingle("the existing list is reused, not copied").Which.Credentials.Should().Equal(p.SipCredential);

        run.Writes.Select(w => w.Operation).Should().Equal(
            TwilioOperation.CreateTrunk, TwilioOperation.AssociateCredentialList, TwilioOperation.CreateOriginationUrl, TwilioOperation.AttachPhoneNumber);
        run.Writes[0].Form.Should().Contain(new Dictionary<string, string>
        {
            ["FriendlyName"] = $"VoipProviders {p.Id:N}",
            ["DomainName"] = trunk.DomainName!,
            ["TransferMode"] = "disable-all",
        });
        run.Writes[0].FormBool("Secure").Should().BeFalse();
        run.Writes.Skip(1).Should().OnlyContain(w => w.Path.StartsWith($"/v1/Trunks/{trunk.Sid}/", StringComparison.Ordinal), "the rest goes to the new trunk");
        run.Writes[1].Form.Should().Equal(new Dictionary<string, string> { ["CredentialListSid"] = p.CredentialListSid });
        run.Writes[3].Form.Should().Equal(new Dictionary<string, string> { ["PhoneNumberSid"] = number.Sid });

        var provider = await ReadProviderAsync(p.Id);
        provider.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid);
        var label = trunk.DomainName![..trunk.DomainName!.IndexOf('.', StringComparison.Ordinal)];
        var terminationUri = provider.GetProperty("terminationUri").GetString();
        terminationUri.Should().Be($"sip:{label}.pstn.ashburn.twilio.com").And.NotBe(p.TerminationUri, "the termination URI changes with the domain");
        provider.GetProperty("originationUris").EnumerateArray().Should().ContainSingle().Which.GetProperty("sid").GetString().Should().Be(url.Sid);

        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var route = await sip.DialOutRouteAsync(p.Id, OrgA);
        route.GetProperty("terminationUri").GetString().Should().Be(terminationUri, "the SIP service dials the new trunk");
        Twilio.AuthenticatesSipCall(terminationUri!, p.SipCredential.Username, p.SipCredential.Password).Should().BeTrue("the new trunk accepts the provider's credential");
        Twilio.AuthenticatesSipCall(p.TerminationUri, p.SipCredential.Username, p.SipCredential.Password).Should().BeFalse("the old address is gone");

        var recreated = (await new EventTables(Fixture.ConnectionString).EventsAsync(p.Id)).First(e => e.EventType == "ProviderRepaired");
        var payload = JsonDocument.Parse(recreated.Payload).RootElement;
        payload.GetProperty("actions")[0].GetProperty("action").GetString().Should().Be(RecreateTrunk);
        payload.GetProperty("dialOutRouteChanged").GetBoolean().Should().BeTrue("the other modules hear that the SIP address changed");
        payload.GetProperty("terminationUri").GetString().Should().Be(terminationUri);
        var record = (await RecordsAsync("provider.repaired", p.Id)).Last();
        (Detail(record, "action"), Detail(record, "trunkSid"), Detail(record, "terminationUri")).Should().Be((RecreateTrunk, trunk.Sid, terminationUri));
    }

    [Fact]
    public async Task A_trunk_domain_changed_in_the_Console_is_set_back_and_the_termination_URI_stays()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "DomainName", "tenant-renamed.pstn.twilio.com");

        var run = await PlanAndRepairAsync(p, (SetDomainName, p.TrunkSid));

        ActionNamed(run.Plan, SetDomainName).GetProperty("reason").GetString().Should().Contain("tenant-renamed.pstn.twilio.com");
        var update = run.Writes.Should().ContainSingle().Subject;
        (update.Operation, update.Path).Should().Be((TwilioOperation.UpdateTrunk, $"/v1/Trunks/{p.TrunkSid}"));
        update.Form.Should().Equal(new Dictionary<string, string> { ["DomainName"] = p.Trunk.DomainName! });
        Twilio.TrunkOf(p.Account).Should().Match<EmulatedTrunk>(t => t.Sid == p.TrunkSid && t.DomainName == p.Trunk.DomainName);
        (await ReadProviderAsync(p.Id)).GetProperty("terminationUri").GetString().Should().Be(p.TerminationUri);
    }

    [Fact]
    public async Task A_transfer_mode_changed_in_the_Console_is_set_back_to_the_providers()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");

        var run = await PlanAndRepairAsync(p, (SetTransferMode, p.TrunkSid));

        ActionNamed(run.Plan, SetTransferMode).GetProperty("reason").GetString().Should().Contain("enable-all").And.Contain("disable-all");
        var update = run.Writes.Should().ContainSingle().Subject;
        (update.Operation, update.Path).Should().Be((TwilioOperation.UpdateTrunk, $"/v1/Trunks/{p.TrunkSid}"));
        update.Form.Should().Equal(new Dictionary<string, string> { ["TransferMode"] = "disable-all" });
        Twilio.TrunkOf(p.Account).TransferMode.Should().Be("disable-all");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Secure_trunking_flipped_in_the_Console_is_set_back_to_the_providers(bool providerSecure)
    {
        var p = await ConnectProviderAsync(secureTrunking: providerSecure);
        await UpdateTrunkInConsoleAsync(p, "Secure", (!providerSecure).ToString().ToLowerInvariant());

        var run = await PlanAndRepairAsync(p, (SetSecure, p.TrunkSid));

        var update = run.Writes.Should().ContainSingle("only the flag is set: the origination URLs already match the provider").Subject;
        (update.Operation, update.Path).Should().Be((TwilioOperation.UpdateTrunk, $"/v1/Trunks/{p.TrunkSid}"));
        update.Form.Keys.Should().Equal("Secure");
        update.FormBool("Secure").Should().Be(providerSecure);
        Twilio.TrunkOf(p.Account).Secure.Should().Be(providerSecure);
    }

    [Fact]
    public async Task A_deleted_credential_list_is_created_again_associated_and_given_a_new_SIP_credential_that_the_dial_out_route_serves()
    {
        var p = await ConnectProviderAsync();
        await DeleteCredentialListInConsoleAsync(p);

        var run = await PlanAndRepairAsync(
            p,
            (CreateCredentialList, p.CredentialListSid),
            (AssociateCredentialList, p.TrunkSid),
            (CreateSipCredential, p.SipCredential.Sid));

        ActionNamed(run.Plan, CreateSipCredential).GetProperty("reason").GetString().Should().Contain("dial-out route");
        var list = Twilio.CredentialListOf(p.Account);
        list.Sid.Should().NotBe(p.CredentialListSid);
        list.FriendlyName.Should().StartWith($"VoipProviders {p.Id:N}");
        list.TrunkSids.Should().Equal(p.TrunkSid);
        var credential = list.Credentials.Should().ContainSingle().Subject;
        credential.Username.Should().NotBe(p.SipCredential.Username);
        run.Writes.Select(w => w.Operation).Should().Equal(
            TwilioOperation.CreateCredentialList, TwilioOperation.AssociateCredentialList, TwilioOperation.CreateCredential);
        run.Writes[0].Form.Should().Equal(new Dictionary<string, string> { ["FriendlyName"] = list.FriendlyName });
        (run.Writes[1].Path, run.Writes[1].Form["CredentialListSid"]).Should().Be(($"/v1/Trunks/{p.TrunkSid}/CredentialLists", list.Sid));
        run.Writes[2].Path.Should().Be($"/2010-04-01/Accounts/{p.Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials.json");
        run.Writes[2].Form.Should().Equal(new Dictionary<string, string> { ["Username"] = credential.Username, ["Password"] = credential.Password });

        await ShouldDialOutWithAsync(p, credential, expectedVersion: 2);
    }

    [Fact]
    public async Task A_credential_list_detached_from_the_trunk_is_associated_again()
    {
        var p = await ConnectProviderAsync();
        await DisassociateCredentialListInConsoleAsync(p);

        var run = await PlanAndRepairAsync(p, (AssociateCredentialList, p.CredentialListSid));

        var associate = run.Writes.Should().ContainSingle().Subject;
        (associate.Operation, associate.Path).Should().Be((TwilioOperation.AssociateCredentialList, $"/v1/Trunks/{p.TrunkSid}/CredentialLists"));
        associate.Form.Should().Equal(new Dictionary<string, string> { ["CredentialListSid"] = p.CredentialListSid });
        var list = Twilio.CredentialListOf(p.Account);
        list.TrunkSids.Should().Equal(p.TrunkSid);
        list.Credentials.Should().Equal([p.SipCredential], "the credential was never touched");
        (await ReadProviderAsync(p.Id)).GetProperty("sipCredentialVersion").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_deleted_SIP_credential_is_replaced_by_a_new_one_and_the_dial_out_route_changes_to_it()
    {
        var p = await ConnectProviderAsync();
        await DeleteSipCredentialInConsoleAsync(p);

        var run = await PlanAndRepairAsync(p, (CreateSipCredential, p.SipCredential.Sid));

        var create = run.Writes.Should().ContainSingle().Subject;
        (create.Operation, create.Path).Should().Be(
            (TwilioOperation.CreateCredential, $"/2010-04-01/Accounts/{p.Account.Sid}/SIP/CredentialLists/{p.CredentialListSid}/Credentials.json"));
        var credential = Twilio.CredentialListOf(p.Account).Credentials.Should().ContainSingle().Subject;
        credential.Username.Should().NotBe(p.SipCredential.Username, "a new username: the dial-out route changes and says so");
        create.Form.Should().Equal(new Dictionary<string, string> { ["Username"] = credential.Username, ["Password"] = credential.Password });

        await ShouldDialOutWithAsync(p, credential, expectedVersion: 2);
    }

    [Fact]
    public async Task A_deleted_origination_URL_is_created_again_as_the_platforms()
    {
        var p = await ConnectProviderAsync();
        await DeleteOriginationUrlInConsoleAsync(p);

        var run = await PlanAndRepairAsync(p, (CreateOriginationUrl, p.OriginationUrl.SipUrl));

        var create = run.Writes.Should().ContainSingle().Subject;
        (create.Operation, create.Path).Should().Be((TwilioOperation.CreateOriginationUrl, $"/v1/Trunks/{p.TrunkSid}/OriginationUrls"));
        create.Form.Should().Equal(new Dictionary<string, string>
        {
            ["FriendlyName"] = p.OriginationUrl.FriendlyName,
            ["SipUrl"] = p.OriginationUrl.SipUrl,
            ["Priority"] = "10",
            ["Weight"] = "10",
            ["Enabled"] = "true",
        });
        var url = Twilio.TrunkOf(p.Account).OriginationUrls.Should().ContainSingle().Subject;
        url.Sid.Should().NotBe(p.OriginationUrl.Sid);
        (await ReadProviderAsync(p.Id)).GetProperty("originationUris").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("sid").GetString().Should().Be(url.Sid, "the provider records the new URL");
    }

    [Fact]
    public async Task An_origination_URL_changed_in_the_Console_is_set_back_to_the_platforms_settings()
    {
        var p = await ConnectProviderAsync();
        await UpdateOriginationUrlInConsoleAsync(p, new Dictionary<string, string> { ["Priority"] = "20", ["Weight"] = "5", ["Enabled"] = "false" });

        var run = await PlanAndRepairAsync(p, (UpdateOriginationUrl, p.OriginationUrl.Sid));

        ActionNamed(run.Plan, UpdateOriginationUrl).GetProperty("reason").GetString().Should().Contain("priority 20, weight 5, disabled");
        var update = run.Writes.Should().ContainSingle().Subject;
        (update.Operation, update.Path).Should().Be((TwilioOperation.UpdateOriginationUrl, $"/v1/Trunks/{p.TrunkSid}/OriginationUrls/{p.OriginationUrl.Sid}"));
        update.Form.Should().Equal(new Dictionary<string, string>
        {
            ["FriendlyName"] = p.OriginationUrl.FriendlyName,
            ["SipUrl"] = p.OriginationUrl.SipUrl,
            ["Priority"] = "10",
            ["Weight"] = "10",
            ["Enabled"] = "true",
        });
        var url = Twilio.TrunkOf(p.Account).OriginationUrls.Should().ContainSingle().Subject;
        (url.Sid, url.SipUrl, url.Priority, url.Weight, url.Enabled).Should().Be((p.OriginationUrl.Sid, p.OriginationUrl.SipUrl, 10, 10, true));
    }

    [Fact]
    public async Task A_number_detached_from_the_trunk_is_attached_again_and_the_others_are_left_alone()
    {
        var p = await ConnectProviderAsync(numbers: 2);
        var detached = p.Numbers[1];
        await DetachNumberInConsoleAsync(p, detached);

        var run = await PlanAndRepairAsync(p, (ReattachPhoneNumber, detached.Sid));

        ActionNamed(run.Plan, ReattachPhoneNumber).GetProperty("reason").GetString().Should().Contain(detached.PhoneNumber);
        var attach = run.Writes.Should().ContainSingle().Subject;
        (attach.Operation, attach.Path).Should().Be((TwilioOperation.AttachPhoneNumber, $"/v1/Trunks/{p.TrunkSid}/PhoneNumbers"));
        attach.Form.Should().Equal(new Dictionary<string, string> { ["PhoneNumberSid"] = detached.Sid });
        Twilio.TrunkOf(p.Account).PhoneNumberSids.Should().BeEquivalentTo(p.Numbers.Select(n => n.Sid));
        var route = Twilio.RouteInboundCall(detached.PhoneNumber);
        route.Routable.Should().BeTrue("a call to the number reaches the platform again");
        route.Candidates.Select(c => c.SipUrl).Should().Equal(p.OriginationUrl.SipUrl);
    }

    /// <summary>
    /// The new SIP credential is the provider's: GET shows the credential's new version, the internal dial-out route
    /// serves exactly what the tenant's list holds, and it authenticates a call on the trunk.
    /// </summary>
    private async Task ShouldDialOutWithAsync(ConnectedProvider p, EmulatedCredential credential, int expectedVersion)
    {
        (await ReadProviderAsync(p.Id)).GetProperty("sipCredentialVersion").GetInt32().Should().Be(expectedVersion);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var route = await sip.DialOutRouteAsync(p.Id, OrgA);
        route.GetProperty("sipUsername").GetString().Should().Be(credential.Username);
        route.GetProperty("sipPassword").GetString().Should().Be(credential.Password);
        route.GetProperty("credentialVersion").GetInt32().Should().Be(expectedVersion);
        Twilio.AuthenticatesSipCall(route.GetProperty("terminationUri").GetString()!, credential.Username, credential.Password).Should().BeTrue();
        Twilio.AuthenticatesSipCall(p.TerminationUri, p.SipCredential.Username, p.SipCredential.Password).Should().BeFalse("the lost credential is not coming back");
    }
}
