using System.Net;
using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account.Sip.CredentialList;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// The reads a provider verification makes (trunk, trunk credential-list association, SIP credentials, trunk numbers) and
/// the tenant-side changes they must notice, through the real SDK. The SDK's ResourceSet pages with the SYNC NextPage, so
/// enumeration runs off the test's sync context.
/// </summary>
public sealed class VerificationReadContractTests : EmulatorTestBase
{
    private const string StrongPassword = "Sup3rSecretPassw0rd";

    [Fact]
    public async Task FetchTrunk_shows_the_transfer_mode_the_tenant_changed_in_the_console()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(
            domainName: "verify-mode.pstn.twilio.com", transferMode: TrunkResource.TransferSettingEnum.EnableAll, client: client);
        using var console = await RawClient().PostAsync(
            new Uri($"v1/Trunks/{trunk.Sid}", UriKind.Relative),
            new FormUrlEncodedContent([new("TransferMode", "sip-only")]));
        console.StatusCode.Should().Be(HttpStatusCode.OK);
        var recorder = new ResponseRecorder();

        var fetched = await TrunkResource.FetchAsync(trunk.Sid, Client(recorder: recorder));

        fetched.TransferMode.Should().Be(TrunkResource.TransferSettingEnum.SipOnly);
        fetched.TransferMode.ToString().Should().Be("sip-only");
        fetched.DomainName.Should().Be("verify-mode.pstn.twilio.com");
        using var json = JsonDocument.Parse(recorder.Last.Body);
        json.RootElement.GetProperty("transfer_mode").GetString().Should().Be("sip-only");
        State.RequestsFor(TwilioOperation.FetchTrunk).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Method = "GET",
            Path = $"/v1/Trunks/{trunk.Sid}",
            OriginalHost = "trunking.twilio.com",
            ResponseStatus = 200,
        });
    }

    [Fact]
    public async Task FetchTrunkCredentialList_answers_the_association_until_it_is_removed()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var trunk = await TrunkResource.CreateAsync(client: client);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);

        var association = await TrunkCredentialListResource.FetchAsync(trunk.Sid, list.Sid, client);

        association.Sid.Should().Be(list.Sid);
        association.TrunkSid.Should().Be(trunk.Sid);
        association.AccountSid.Should().Be(Account.Sid);
        association.FriendlyName.Should().Be("tenant");
        association.Url.Should().Be(new Uri($"https://trunking.twilio.com/v1/Trunks/{trunk.Sid}/CredentialLists/{list.Sid}"));
        State.RequestsFor(TwilioOperation.FetchTrunkCredentialList).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Method = "GET",
            Path = $"/v1/Trunks/{trunk.Sid}/CredentialLists/{list.Sid}",
            OriginalHost = "trunking.twilio.com",
            ResponseStatus = 200,
        });

        (await TrunkCredentialListResource.DeleteAsync(trunk.Sid, list.Sid, client)).Should().BeTrue();

        recorder.Last.Should().BeEquivalentTo(new { Method = "DELETE", Status = HttpStatusCode.NoContent, Body = "" });
        var fetchAgain = () => TrunkCredentialListResource.FetchAsync(trunk.Sid, list.Sid, client);
        var error = (await fetchAgain.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /v1/Trunks/{trunk.Sid}/CredentialLists/{list.Sid} was not found");
        var deleteAgain = () => TrunkCredentialListResource.DeleteAsync(trunk.Sid, list.Sid, client);
        (await deleteAgain.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
        State.CredentialLists.Should().ContainSingle().Which.TrunkSids.Should().BeEmpty();
        State.RequestsFor(TwilioOperation.DisassociateCredentialList).Select(r => r.ResponseStatus).Should().Equal(204, 404);
    }

    [Fact]
    public async Task FetchTrunkCredentialList_is_404_for_an_unassociated_list_an_unknown_trunk_and_a_deleted_list()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var associated = await ApiCredentialListResource.CreateAsync("associated", client: client);
        var loose = await ApiCredentialListResource.CreateAsync("loose", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, associated.Sid, client);
        var unknownTrunk = $"TK{new string('0', 32)}";

        var unassociated = () => TrunkCredentialListResource.FetchAsync(trunk.Sid, loose.Sid, client);
        var noTrunk = () => TrunkCredentialListResource.FetchAsync(unknownTrunk, associated.Sid, client);

        (await unassociated.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        (await noTrunk.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);

        (await ApiCredentialListResource.DeleteAsync(associated.Sid, client: client)).Should().BeTrue();

        var deleted = () => TrunkCredentialListResource.FetchAsync(trunk.Sid, associated.Sid, client);
        (await deleted.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var fetchList = () => ApiCredentialListResource.FetchAsync(associated.Sid, client: client);
        (await fetchList.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
        (await ApiCredentialListResource.FetchAsync(loose.Sid, client: client)).FriendlyName.Should().Be("loose");
        State.RequestsFor(TwilioOperation.FetchTrunkCredentialList).Select(r => r.ResponseStatus).Should().Equal(404, 404, 404);
    }

    [Fact]
    public async Task ListTrunkCredentialLists_follows_absolute_meta_next_page_urls()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var lists = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var list = await ApiCredentialListResource.CreateAsync($"list-{i}", client: client);
            await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
            lists.Add(list.Sid);
        }

        var set = await TrunkCredentialListResource.ReadAsync(new ReadCredentialListOptions(trunk.Sid) { PageSize = 2 }, client);
        var all = await Task.Run(() => set.ToList());

        all.Select(l => l.Sid).Should().Equal(lists);
        all.Select(l => l.FriendlyName).Should().Equal("list-0", "list-1", "list-2");
        all.Should().OnlyContain(l => l.TrunkSid == trunk.Sid);
        var pages = State.RequestsFor(TwilioOperation.ListTrunkCredentialLists);
        pages.Should().HaveCount(2).And.OnlyContain(r => r.ResponseStatus == 200 && r.OriginalHost == "trunking.twilio.com");
        pages.Should().OnlyContain(r => r.Path == $"/v1/Trunks/{trunk.Sid}/CredentialLists");
        pages[0].Query.Should().Be("?PageSize=2");
        pages[1].Query.Should().Be($"?PageSize=2&Page=1&PageToken=PA{lists[1]}");
    }

    [Fact]
    public async Task ListCredentials_follows_relative_next_page_uris_and_no_longer_lists_a_deleted_credential()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        var credentials = new List<CredentialResource>();
        for (var i = 0; i < 5; i++)
        {
            credentials.Add(await CredentialResource.CreateAsync(list.Sid, $"user-{i}", StrongPassword, client: client));
        }

        var set = await CredentialResource.ReadAsync(new ReadCredentialOptions(list.Sid) { PageSize = 2 }, client);
        var all = await Task.Run(() => set.ToList());

        all.Select(c => c.Username).Should().Equal("user-0", "user-1", "user-2", "user-3", "user-4");
        all.Select(c => c.Sid).Should().Equal(credentials.Select(c => c.Sid));
        var pages = State.RequestsFor(TwilioOperation.ListCredentials);
        var path = $"/2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials.json";
        pages.Should().HaveCount(3).And.OnlyContain(r => r.ResponseStatus == 200 && r.Path == path && r.OriginalHost == "api.twilio.com");
        pages[0].Query.Should().Be("?PageSize=2");
        pages[1].Query.Should().Be($"?PageSize=2&Page=1&PageToken=PA{credentials[1].Sid}");
        pages[2].Query.Should().Be($"?PageSize=2&Page=2&PageToken=PA{credentials[3].Sid}");

        (await CredentialResource.DeleteAsync(list.Sid, credentials[2].Sid, client: client)).Should().BeTrue();

        recorder.Last.Should().BeEquivalentTo(new { Method = "DELETE", Status = HttpStatusCode.NoContent, Body = "" });
        State.RequestsFor(TwilioOperation.DeleteCredential).Should().ContainSingle().Which.Path
            .Should().Be($"/2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials/{credentials[2].Sid}.json");
        var remaining = await Task.Run(async () => (await CredentialResource.ReadAsync(list.Sid, client: client)).ToList());
        remaining.Select(c => c.Username).Should().Equal("user-0", "user-1", "user-3", "user-4");
        var fetch = () => CredentialResource.FetchAsync(list.Sid, credentials[2].Sid, client: client);
        (await fetch.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        var deleteAgain = () => CredentialResource.DeleteAsync(list.Sid, credentials[2].Sid, client: client);
        (await deleteAgain.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
        State.CredentialLists.Single().Credentials.Select(c => c.Username).Should().Equal("user-0", "user-1", "user-3", "user-4");
    }

    [Fact]
    public async Task ListTrunkPhoneNumbers_pages_and_follows_a_number_moved_to_another_trunk()
    {
        var client = Client();
        var numbers = AddNumbers(3);
        var first = await TrunkResource.CreateAsync(friendlyName: "first", client: client);
        var second = await TrunkResource.CreateAsync(friendlyName: "second", client: client);
        foreach (var number in numbers)
        {
            await PhoneNumberResource.CreateAsync(first.Sid, number.Sid, client);
        }

        var set = await PhoneNumberResource.ReadAsync(new ReadPhoneNumberOptions(first.Sid) { PageSize = 2 }, client);
        var all = await Task.Run(() => set.ToList());

        all.Select(n => n.Sid).Should().Equal(numbers.Select(n => n.Sid));
        all.Should().OnlyContain(n => n.TrunkSid == first.Sid);
        var pages = State.RequestsFor(TwilioOperation.ListTrunkPhoneNumbers);
        pages.Should().HaveCount(2).And.OnlyContain(r => r.ResponseStatus == 200 && r.Path == $"/v1/Trunks/{first.Sid}/PhoneNumbers");
        pages[0].Query.Should().Be("?PageSize=2");
        pages[1].Query.Should().Be($"?PageSize=2&Page=1&PageToken=PA{numbers[1].Sid}");

        (await PhoneNumberResource.DeleteAsync(first.Sid, numbers[0].Sid, client)).Should().BeTrue();
        await PhoneNumberResource.CreateAsync(second.Sid, numbers[0].Sid, client);

        var onFirst = await Task.Run(async () => (await PhoneNumberResource.ReadAsync(first.Sid, client: client)).ToList());
        var onSecond = await Task.Run(async () => (await PhoneNumberResource.ReadAsync(second.Sid, client: client)).ToList());
        onFirst.Select(n => n.Sid).Should().Equal(numbers[1].Sid, numbers[2].Sid);
        onSecond.Should().ContainSingle().Which.Should().BeEquivalentTo(new { numbers[0].Sid, TrunkSid = second.Sid });
    }

    [Fact]
    public async Task ListTrunkPhoneNumbers_of_an_unknown_or_deleted_trunk_is_404()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(client: client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        (await TrunkResource.DeleteAsync(trunk.Sid, client)).Should().BeTrue();

        var deleted = () => PhoneNumberResource.ReadAsync(trunk.Sid, client: client);
        var unknown = () => PhoneNumberResource.ReadAsync($"TK{new string('0', 32)}", client: client);

        var error = (await deleted.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be($"The requested resource /v1/Trunks/{trunk.Sid}/PhoneNumbers was not found");
        (await unknown.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        State.PhoneNumbers.Single().TrunkSid.Should().BeNull();
    }
}
