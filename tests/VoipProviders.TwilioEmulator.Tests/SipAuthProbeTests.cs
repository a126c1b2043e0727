using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account.Sip.CredentialList;
using Twilio.Rest.Trunking.V1;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// <see cref="TwilioEmulatorState.AuthenticatesSipCall"/> and <c>POST /_emulator/sip-auth</c>: would an INVITE with these digest
/// credentials to this termination host be accepted? Trunks, credential lists and credentials are set up through the real SDK.
/// </summary>
public sealed class SipAuthProbeTests : EmulatorTestBase
{
    private const string Domain = "vp-abc.pstn.twilio.com";
    private const string OldPassword = "0ldSecretPassw0rd";
    private const string NewPassword = "N3wSecretPassw0rd";

    [Theory]
    [InlineData("vp-abc.pstn.twilio.com")]
    [InlineData("VP-ABC.PSTN.TWILIO.COM")]
    [InlineData("sip:vp-abc.pstn.twilio.com")]
    [InlineData("sip:vp-abc.pstn.twilio.com:5060")]
    [InlineData("vp-abc.pstn.dublin.twilio.com")]
    [InlineData("sip:vp-abc.pstn.dublin.twilio.com:5061;transport=tls")]
    [InlineData("sips:vp-abc.pstn.frankfurt.twilio.com:5061")]
    [InlineData("vp-abc.pstn.ie1.twilio.com")]
    [InlineData("vp-abc.pstn.sao-paulo.twilio.com")]
    [InlineData("vp-abc.pstn.ashburn-ix.twilio.com")]
    [InlineData("sip:+15551234567@vp-abc.pstn.sydney.twilio.com;transport=tls?X-Header=1")]
    [InlineData(" vp-abc.pstn.twilio.com. ")]
    public async Task Accepts_the_trunk_domain_and_its_localized_forms(string terminationHost)
    {
        var (list, _) = await TrunkWithCredentialListAsync(Client(), Domain);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: Client());

        State.AuthenticatesSipCall(terminationHost, "alice", OldPassword).Should().BeTrue();
    }

    [Theory]
    [InlineData("vp-abc.pstn.nowhere.twilio.com")]
    [InlineData("vp-abc.pstn.dublin.ie1.twilio.com")]
    [InlineData("vp-abcd.pstn.twilio.com")]
    [InlineData("abc.pstn.twilio.com")]
    [InlineData("vp-abc.twilio.com")]
    [InlineData("vp-abc.pstn.twilio.com.example.com")]
    [InlineData("sip:other.pstn.twilio.com")]
    public async Task Refuses_hosts_that_do_not_reach_the_trunk(string terminationHost)
    {
        var (list, _) = await TrunkWithCredentialListAsync(Client(), Domain);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: Client());

        State.AuthenticatesSipCall(terminationHost, "alice", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "alice", OldPassword).Should().BeTrue();
    }

    [Fact]
    public async Task Needs_exactly_the_username_and_password_of_a_credential_in_an_associated_list()
    {
        var client = Client();
        var (list, _) = await TrunkWithCredentialListAsync(client, Domain);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: client);

        State.AuthenticatesSipCall(Domain, "alice", OldPassword).Should().BeTrue();
        State.AuthenticatesSipCall(Domain, "alice", NewPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "alice", OldPassword.ToUpperInvariant()).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "Alice", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "bob", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "alice", "").Should().BeFalse();
    }

    [Fact]
    public async Task A_credential_in_a_list_that_is_not_associated_with_the_trunk_does_not_authenticate()
    {
        var client = Client();
        var (list, trunk) = await TrunkWithCredentialListAsync(client, Domain);
        var loose = await ApiCredentialListResource.CreateAsync("not associated", client: client);
        await CredentialResource.CreateAsync(loose.Sid, "loose", OldPassword, client: client);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: client);
        var otherTrunk = await TrunkResource.CreateAsync(domainName: "vp-other.pstn.twilio.com", client: client);
        await TrunkCredentialListResource.CreateAsync(otherTrunk.Sid, loose.Sid, client);

        State.AuthenticatesSipCall(Domain, "loose", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall("vp-other.pstn.twilio.com", "loose", OldPassword).Should().BeTrue();
        State.AuthenticatesSipCall("vp-other.pstn.twilio.com", "alice", OldPassword).Should().BeFalse();

        await TrunkCredentialListResource.DeleteAsync(trunk.Sid, list.Sid, client);

        State.AuthenticatesSipCall(Domain, "alice", OldPassword).Should().BeFalse();
    }

    [Fact]
    public async Task Both_credentials_work_during_a_rotation_and_the_old_one_stops_after_its_deletion()
    {
        var client = Client();
        var (list, _) = await TrunkWithCredentialListAsync(client, Domain);
        var old = await CredentialResource.CreateAsync(list.Sid, "vp-1", OldPassword, client: client);
        State.AuthenticatesSipCall(Domain, "vp-1", OldPassword).Should().BeTrue();

        await CredentialResource.CreateAsync(list.Sid, "vp-2", NewPassword, client: client);

        State.AuthenticatesSipCall(Domain, "vp-1", OldPassword).Should().BeTrue();
        State.AuthenticatesSipCall("sip:vp-abc.pstn.dublin.twilio.com:5061;transport=tls", "vp-2", NewPassword).Should().BeTrue();
        State.AuthenticatesSipCall(Domain, "vp-2", OldPassword).Should().BeFalse();

        (await CredentialResource.DeleteAsync(list.Sid, old.Sid, client: client)).Should().BeTrue();

        State.AuthenticatesSipCall(Domain, "vp-1", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall("vp-abc.pstn.dublin.twilio.com", "vp-1", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "vp-2", NewPassword).Should().BeTrue();
    }

    [Fact]
    public async Task A_password_update_replaces_the_old_password_at_once()
    {
        var client = Client();
        var (list, _) = await TrunkWithCredentialListAsync(client, Domain);
        var credential = await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: client);

        await CredentialResource.UpdateAsync(list.Sid, credential.Sid, password: NewPassword, client: client);

        State.AuthenticatesSipCall(Domain, "alice", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall(Domain, "alice", NewPassword).Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_the_trunk_or_the_list_stops_authentication()
    {
        var client = Client();
        var (list, trunk) = await TrunkWithCredentialListAsync(client, Domain);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: client);
        var (otherList, _) = await TrunkWithCredentialListAsync(client, "vp-xyz.pstn.twilio.com");
        await CredentialResource.CreateAsync(otherList.Sid, "bob", NewPassword, client: client);

        await TrunkResource.DeleteAsync(trunk.Sid, client);
        await ApiCredentialListResource.DeleteAsync(otherList.Sid, client: client);

        State.AuthenticatesSipCall(Domain, "alice", OldPassword).Should().BeFalse();
        State.AuthenticatesSipCall("vp-xyz.pstn.twilio.com", "bob", NewPassword).Should().BeFalse();
    }

    [Fact]
    public void A_blank_host_is_an_argument_error()
    {
        var act = () => State.AuthenticatesSipCall(" ", "alice", OldPassword);

        act.Should().Throw<ArgumentException>().WithParameterName("terminationHost");
    }

    [Fact]
    public async Task Admin_endpoint_answers_authenticated_true_or_false()
    {
        var (list, _) = await TrunkWithCredentialListAsync(Client(), Domain);
        await CredentialResource.CreateAsync(list.Sid, "alice", OldPassword, client: Client());
        var http = RawClient(authenticate: false);

        var accepted = await PostSipAuthAsync(http, new { terminationHost = "sip:vp-abc.pstn.dublin.twilio.com:5061;transport=tls", username = "alice", password = OldPassword });
        var refused = await PostSipAuthAsync(http, new { terminationHost = Domain, username = "alice", password = NewPassword });
        using var missing = await http.PostAsJsonAsync(new Uri("_emulator/sip-auth", UriKind.Relative), new { terminationHost = Domain, username = "alice" });

        accepted.GetRawText().Should().Be("""{"authenticated":true}""");
        refused.GetRawText().Should().Be("""{"authenticated":false}""");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Contain("password");
    }

    private static async Task<JsonElement> PostSipAuthAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri("_emulator/sip-auth", UriKind.Relative), body);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A trunk with <paramref name="domain"/> and an (empty) credential list associated with it, through the SDK.</summary>
    private static async Task<(ApiCredentialListResource List, TrunkResource Trunk)> TrunkWithCredentialListAsync(TwilioRestClient client, string domain)
    {
        var trunk = await TrunkResource.CreateAsync(domainName: domain, client: client);
        var list = await ApiCredentialListResource.CreateAsync($"{domain} credentials", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
        return (list, trunk);
    }
}
