using Twilio.Exceptions;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using HttpMethod = Twilio.Http.HttpMethod;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class TrunkContractTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateAsync_round_trips_every_field()
    {
        var client = Client();

        var created = await TrunkResource.CreateAsync(
            friendlyName: "Acme PBX",
            domainName: "acme-pbx-1.pstn.twilio.com",
            disasterRecoveryUrl: new Uri("https://dr.example.com/twiml"),
            disasterRecoveryMethod: HttpMethod.Get,
            transferMode: TrunkResource.TransferSettingEnum.EnableAll,
            secure: true,
            cnamLookupEnabled: true,
            transferCallerId: TrunkResource.TransferCallerIdEnum.FromTransferor,
            client: client);

        created.Sid.Should().MatchRegex("^TK[0-9a-f]{32}$");
        created.AccountSid.Should().Be(Account.Sid);
        created.FriendlyName.Should().Be("Acme PBX");
        created.DomainName.Should().Be("acme-pbx-1.pstn.twilio.com");
        created.DisasterRecoveryUrl.Should().Be(new Uri("https://dr.example.com/twiml"));
        created.DisasterRecoveryMethod.Should().Be(HttpMethod.Get);
        created.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.EnableAll);
        created.TransferCallerId.Should().Be(TrunkResource.TransferCallerIdEnum.FromTransferor);
        created.Secure.Should().BeTrue();
        created.CnamLookupEnabled.Should().BeTrue();
        created.DateCreated.Should().NotBeNull();
        created.Url.Should().Be(new Uri($"https://trunking.twilio.com/v1/Trunks/{created.Sid}"));
        created.Links.Should().ContainKeys("credential_lists", "phone_numbers", "origination_urls", "ip_access_control_lists");

        var fetched = await TrunkResource.FetchAsync(created.Sid, client);
        fetched.DomainName.Should().Be(created.DomainName);
        fetched.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.EnableAll);

        State.Trunks.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            created.Sid,
            AccountSid = Account.Sid,
            DomainName = "acme-pbx-1.pstn.twilio.com",
            TransferMode = "enable-all",
            TransferCallerId = "from-transferor",
            Secure = true,
            CnamLookupEnabled = true,
            DisasterRecoveryMethod = "GET",
        });
    }

    [Fact]
    public async Task CreateAsync_defaults_match_twilio()
    {
        var trunk = await TrunkResource.CreateAsync(client: Client());

        trunk.DomainName.Should().BeNull();
        trunk.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.DisableAll);
        trunk.TransferCallerId.Should().Be(TrunkResource.TransferCallerIdEnum.FromTransferee);
        trunk.Secure.Should().BeFalse();
        trunk.AuthType.Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_domain_in_any_account_is_21248()
    {
        await TrunkResource.CreateAsync(domainName: "taken.pstn.twilio.com", client: Client());
        var other = State.AddAccount("Other tenant");

        var act = () => TrunkResource.CreateAsync(domainName: "TAKEN.pstn.twilio.com", client: Client(other));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(21248);
        error.Message.Should().Be("Trunk Domain already taken");
        State.Trunks.Should().ContainSingle();
    }

    [Theory]
    [InlineData("acme.example.com")]
    [InlineData("acme_pbx.pstn.twilio.com")]
    [InlineData("pstn.twilio.com")]
    [InlineData("acme..pstn.twilio.com")]
    public async Task Invalid_domain_is_21245(string domain)
    {
        var act = () => TrunkResource.CreateAsync(domainName: domain, client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(21245);
        error.Message.Should().Contain("pstn.twilio.com");
        State.Trunks.Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_changes_only_the_fields_sent()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(friendlyName: "Before", domainName: "update-me.pstn.twilio.com", client: client);

        var updated = await TrunkResource.UpdateAsync(trunk.Sid, transferMode: TrunkResource.TransferSettingEnum.SipOnly, client: client);

        updated.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.SipOnly);
        updated.FriendlyName.Should().Be("Before");
        updated.DomainName.Should().Be("update-me.pstn.twilio.com");
    }

    [Fact]
    public async Task DeleteAsync_returns_true_and_cascades_to_associations_but_keeps_credential_lists()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(domainName: "cascade.pstn.twilio.com", client: client);
        var list = await ApiCredentialListResource.CreateAsync("tenant-creds", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "pbx", new Uri("sip:pbx.example.com:5060"), client);
        State.Trunks.Single().Should().BeEquivalentTo(new { CredentialListSids = new[] { list.Sid }, PhoneNumberSids = new[] { number.Sid } });

        var deleted = await TrunkResource.DeleteAsync(trunk.Sid, client);

        deleted.Should().BeTrue();
        State.Trunks.Should().BeEmpty();
        State.PhoneNumbers.Single().TrunkSid.Should().BeNull();
        State.CredentialLists.Should().ContainSingle().Which.TrunkSids.Should().BeEmpty();
        var fetch = () => TrunkResource.FetchAsync(trunk.Sid, client);
        (await fetch.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var deleteAgain = () => TrunkResource.DeleteAsync(trunk.Sid, client);
        var notFound = (await deleteAgain.Should().ThrowAsync<ApiException>()).Which;
        notFound.Status.Should().Be(404);
        notFound.Message.Should().Be($"The requested resource /v1/Trunks/{trunk.Sid} was not found");
    }

    [Fact]
    public async Task Secure_flag_round_trips_through_update_and_fetch()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(friendlyName: "tls", client: client);
        trunk.Secure.Should().BeFalse();

        var updated = await TrunkResource.UpdateAsync(trunk.Sid, secure: true, client: client);

        State.RequestsFor(TwilioOperation.UpdateTrunk).Single().Form.Should().BeEquivalentTo(new Dictionary<string, string> { ["Secure"] = "true" });
        recorder.Last.Body.Should().Contain("\"secure\":true");
        updated.Secure.Should().BeTrue();
        updated.FriendlyName.Should().Be("tls");
        (await TrunkResource.FetchAsync(trunk.Sid, client)).Secure.Should().BeTrue();
        recorder.Last.Body.Should().Contain("\"secure\":true");
        (await TrunkResource.ReadAsync(client: client)).Single().Secure.Should().BeTrue();
        State.Trunks.Single().Secure.Should().BeTrue();

        var cleared = await TrunkResource.UpdateAsync(trunk.Sid, secure: false, client: client);

        cleared.Secure.Should().BeFalse();
        (await TrunkResource.FetchAsync(trunk.Sid, client)).Secure.Should().BeFalse();
        recorder.Last.Body.Should().Contain("\"secure\":false");
        State.Trunks.Single().Secure.Should().BeFalse();
    }

    [Fact]
    public async Task Secure_must_be_a_boolean()
    {
        var trunk = await TrunkResource.CreateAsync(client: Client());
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Secure"] = "yes" });

        using var response = await RawClient().PostAsync(new Uri($"v1/Trunks/{trunk.Sid}", UriKind.Relative), content);

        ((int)response.StatusCode).Should().Be(400);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Secure must be 'true' or 'false'");
        State.Trunks.Single().Secure.Should().BeFalse();
    }

    [Fact]
    public async Task Another_accounts_trunk_is_404()
    {
        var trunk = await TrunkResource.CreateAsync(friendlyName: "mine", client: Client());
        var other = State.AddAccount("Other tenant");

        var act = () => TrunkResource.FetchAsync(trunk.Sid, Client(other));

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Fact]
    public async Task OriginationUrl_round_trips_and_validates_sip_url()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);

        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 20, 5, true, "primary", new Uri("sip:pbx.example.com:5060"), client);

        url.Sid.Should().StartWith("OU");
        url.Weight.Should().Be(20);
        url.Priority.Should().Be(5);
        url.Enabled.Should().BeTrue();
        url.SipUrl.Should().Be(new Uri("sip:pbx.example.com:5060"));
        State.Trunks.Single().OriginationUrls.Should().ContainSingle().Which.SipUrl.Should().Be("sip:pbx.example.com:5060");

        var invalid = () => OriginationUrlResource.CreateAsync(trunk.Sid, 20, 5, true, "bad", new Uri("https://pbx.example.com"), client);
        (await invalid.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(400);

        (await OriginationUrlResource.DeleteAsync(trunk.Sid, url.Sid, client)).Should().BeTrue();
        State.Trunks.Single().OriginationUrls.Should().BeEmpty();
    }
}
