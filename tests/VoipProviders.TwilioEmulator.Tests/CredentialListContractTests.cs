using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account.Sip.CredentialList;
using Twilio.Rest.Trunking.V1;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class CredentialListContractTests : EmulatorTestBase
{
    private const string StrongPassword = "Sup3rSecretPassw0rd";

    [Fact]
    public async Task CreateAsync_list_and_credential_round_trip_and_never_return_the_password()
    {
        var client = Client();

        var list = await ApiCredentialListResource.CreateAsync("tenant-42", client: client);
        var credential = await CredentialResource.CreateAsync(list.Sid, "pbx.user-1", StrongPassword, client: client);

        list.Sid.Should().MatchRegex("^CL[0-9a-f]{32}$");
        list.AccountSid.Should().Be(Account.Sid);
        list.FriendlyName.Should().Be("tenant-42");
        list.DateCreated.Should().NotBeNull();
        credential.Sid.Should().MatchRegex("^CR[0-9a-f]{32}$");
        credential.CredentialListSid.Should().Be(list.Sid);
        credential.Username.Should().Be("pbx.user-1");
        var stored = State.CredentialLists.Should().ContainSingle().Which;
        stored.Credentials.Should().ContainSingle().Which.Should().BeEquivalentTo(new { credential.Sid, Username = "pbx.user-1", Password = StrongPassword });

        var raw = await RawClient().GetStringAsync(new Uri(credential.Uri.TrimStart('/'), UriKind.Relative));
        raw.Should().Contain("pbx.user-1").And.NotContain(StrongPassword).And.NotContain("password");
    }

    [Theory]
    [InlineData("Short1Aa")]
    [InlineData("alllowercase123")]
    [InlineData("ALLUPPERCASE123")]
    [InlineData("NoDigitsHereAtAll")]
    public async Task Weak_password_is_a_400_naming_the_rule(string password)
    {
        var client = Client();
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);

        var act = () => CredentialResource.CreateAsync(list.Sid, "user", password, client: client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Code.Should().Be(20001);
        error.Message.Should().Contain("12 characters").And.Contain("digit");
        State.CredentialLists.Single().Credentials.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_friendly_name_is_a_400()
    {
        var act = () => ApiCredentialListResource.CreateAsync(friendlyName: null, client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(400);
        error.Message.Should().Contain("FriendlyName");
    }

    [Fact]
    public async Task Trunk_association_round_trips_and_rejects_duplicates_and_foreign_lists()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(friendlyName: "pbx", client: client);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);

        var association = await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);

        association.Sid.Should().Be(list.Sid);
        association.TrunkSid.Should().Be(trunk.Sid);
        association.AccountSid.Should().Be(Account.Sid);
        association.FriendlyName.Should().Be("tenant");
        State.Trunks.Single().CredentialListSids.Should().Equal(list.Sid);
        State.CredentialLists.Single().TrunkSids.Should().Equal(trunk.Sid);
        (await TrunkResource.FetchAsync(trunk.Sid, client)).AuthType.Should().Be("CREDENTIAL_LIST");

        var duplicate = () => TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
        (await duplicate.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(400);

        var other = State.AddAccount("Other");
        var foreignList = await ApiCredentialListResource.CreateAsync("foreign", client: Client(other));
        var foreign = () => TrunkCredentialListResource.CreateAsync(trunk.Sid, foreignList.Sid, client);
        var notFound = (await foreign.Should().ThrowAsync<ApiException>()).Which;
        notFound.Status.Should().Be(404);
        notFound.Code.Should().Be(20404);

        (await TrunkCredentialListResource.DeleteAsync(trunk.Sid, list.Sid, client)).Should().BeTrue();
        State.Trunks.Single().CredentialListSids.Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_list_removes_its_credentials_and_trunk_associations()
    {
        var client = Client();
        var trunk = await TrunkResource.CreateAsync(client: client);
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        await CredentialResource.CreateAsync(list.Sid, "user", StrongPassword, client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);

        (await ApiCredentialListResource.DeleteAsync(list.Sid, client: client)).Should().BeTrue();

        State.CredentialLists.Should().BeEmpty();
        State.Trunks.Single().CredentialListSids.Should().BeEmpty();
        var fetch = () => ApiCredentialListResource.FetchAsync(list.Sid, client: client);
        (await fetch.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Fact]
    public async Task Credentials_can_be_listed_updated_and_deleted()
    {
        var client = Client();
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);
        var credential = await CredentialResource.CreateAsync(list.Sid, "user", StrongPassword, client: client);

        var listed = await CredentialResource.ReadAsync(list.Sid, client: client);
        listed.Select(c => c.Sid).Should().Equal(credential.Sid);
        await CredentialResource.UpdateAsync(list.Sid, credential.Sid, password: "An0therStrongOne", client: client);
        State.CredentialLists.Single().Credentials.Single().Password.Should().Be("An0therStrongOne");
        (await CredentialResource.DeleteAsync(list.Sid, credential.Sid, client: client)).Should().BeTrue();
        State.CredentialLists.Single().Credentials.Should().BeEmpty();
    }

    [Fact]
    public async Task Several_credentials_in_one_list_can_be_listed_and_one_deleted()
    {
        var recorder = new ResponseRecorder();
        var client = Client(recorder: recorder);
        var list = await ApiCredentialListResource.CreateAsync("rotation", client: client);
        var old = await CredentialResource.CreateAsync(list.Sid, "vp-1", StrongPassword, client: client);
        var current = await CredentialResource.CreateAsync(list.Sid, "vp-2", "An0therStrongOne", client: client);

        var listed = await CredentialResource.ReadAsync(list.Sid, client: client);

        listed.Select(c => (c.Sid, c.Username)).Should().Equal((old.Sid, "vp-1"), (current.Sid, "vp-2"));
        State.CredentialLists.Single().Credentials.Select(c => (c.Username, c.Password)).Should().Equal(("vp-1", StrongPassword), ("vp-2", "An0therStrongOne"));

        (await CredentialResource.DeleteAsync(list.Sid, old.Sid, client: client)).Should().BeTrue();

        recorder.Last.Method.Should().Be("DELETE");
        recorder.Last.Status.Should().Be(System.Net.HttpStatusCode.NoContent);
        recorder.Last.Body.Should().BeEmpty();
        var request = State.RequestsFor(TwilioOperation.DeleteCredential).Single();
        request.Path.Should().Be($"/2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials/{old.Sid}.json");
        request.ResponseStatus.Should().Be(204);
        var deleteAgain = () => CredentialResource.DeleteAsync(list.Sid, old.Sid, client: client);
        var notFound = (await deleteAgain.Should().ThrowAsync<ApiException>()).Which;
        notFound.Status.Should().Be(404);
        notFound.Code.Should().Be(20404);
        var fetchDeleted = () => CredentialResource.FetchAsync(list.Sid, old.Sid, client: client);
        (await fetchDeleted.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
        (await CredentialResource.ReadAsync(list.Sid, client: client)).Select(c => c.Username).Should().Equal("vp-2");
        (await CredentialResource.FetchAsync(list.Sid, current.Sid, client: client)).Username.Should().Be("vp-2");
        State.CredentialLists.Single().Credentials.Should().ContainSingle().Which.Should().BeEquivalentTo(new { current.Sid, Username = "vp-2", Password = "An0therStrongOne" });
    }

    [Fact]
    public async Task A_username_may_be_used_once_per_list_only()
    {
        var client = Client();
        var list = await ApiCredentialListResource.CreateAsync("one", client: client);
        var other = await ApiCredentialListResource.CreateAsync("two", client: client);
        await CredentialResource.CreateAsync(list.Sid, "vp-1", StrongPassword, client: client);

        var duplicate = () => CredentialResource.CreateAsync(list.Sid, "VP-1", "An0therStrongOne", client: client);

        (await duplicate.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(400);
        (await CredentialResource.CreateAsync(other.Sid, "vp-1", "An0therStrongOne", client: client)).Username.Should().Be("vp-1");
        State.CredentialLists.Select(l => l.Credentials.Count).Should().Equal(1, 1);
    }
}
