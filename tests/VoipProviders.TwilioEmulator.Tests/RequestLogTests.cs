using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account.Sip.CredentialList;
using Twilio.Rest.Trunking.V1;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class RequestLogTests : EmulatorTestBase
{
    [Fact]
    public async Task Records_method_path_form_auth_user_original_host_and_status()
    {
        await TrunkResource.CreateAsync(
            friendlyName: "Acme", domainName: "acme-log.pstn.twilio.com", transferMode: TrunkResource.TransferSettingEnum.SipOnly, secure: true, client: Client());

        var request = State.Requests.Should().ContainSingle().Which;
        request.Sequence.Should().BePositive();
        request.Operation.Should().Be(TwilioOperation.CreateTrunk);
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1/Trunks");
        request.Query.Should().BeEmpty();
        request.OriginalHost.Should().Be("trunking.twilio.com");
        request.AuthUser.Should().Be(Account.Sid);
        request.Authenticated.Should().BeTrue();
        request.ResponseStatus.Should().Be(201);
        request.UserAgent.Should().StartWith("twilio-csharp/8.2.0");
        request.Fault.Should().BeNull();
        request.Form.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["FriendlyName"] = "Acme",
            ["DomainName"] = "acme-log.pstn.twilio.com",
            ["TransferMode"] = "sip-only",
            ["Secure"] = "true",
        });
    }

    [Fact]
    public async Task Records_sip_credentials_exactly_as_sent()
    {
        var client = Client();
        var list = await ApiCredentialListResource.CreateAsync("tenant", client: client);

        await CredentialResource.CreateAsync(list.Sid, "alice", "Sup3rSecretPassw0rd", client: client);

        var request = State.RequestsFor(TwilioOperation.CreateCredential).Single();
        request.Path.Should().Be($"/2010-04-01/Accounts/{Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials.json");
        request.OriginalHost.Should().Be("api.twilio.com");
        request.Form.Should().Contain("Username", "alice").And.Contain("Password", "Sup3rSecretPassw0rd");
    }

    [Fact]
    public async Task Records_the_regional_host_the_sdk_meant_to_call()
    {
        await AccountResource.FetchAsync(client: Client(region: "ie1", edge: "dublin"));
        await TrunkResource.ReadAsync(client: Client(region: "ie1", edge: "dublin"));

        State.Requests.Select(r => r.OriginalHost).Should().Equal("api.dublin.ie1.twilio.com", "trunking.dublin.ie1.twilio.com");
    }

    [Fact]
    public async Task Records_failed_authentication_and_unknown_routes()
    {
        var wrongToken = () => AccountResource.FetchAsync(client: Client(authToken: "nope"));
        await wrongToken.Should().ThrowAsync<ApiException>();
        using var unknown = await RawClient().GetAsync(new Uri("v1/Nothing/Here", UriKind.Relative));
        using var anonymous = await RawClient(authenticate: false).GetAsync(new Uri("v1/Trunks", UriKind.Relative));

        State.Requests.Select(r => (r.Operation, r.Authenticated, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.FetchAccount, false, 401),
            (TwilioOperation.Unknown, true, 404),
            (TwilioOperation.ListTrunks, false, 401));
        State.Requests[2].AuthUser.Should().BeNull();
    }

    [Fact]
    public async Task Admin_calls_are_not_recorded()
    {
        var http = RawClient(authenticate: false);

        using var requests = await http.GetAsync(new Uri("_emulator/requests", UriKind.Relative));
        using var unknownAdmin = await http.GetAsync(new Uri("_emulator/nothing", UriKind.Relative));

        requests.IsSuccessStatusCode.Should().BeTrue();
        State.Requests.Should().BeEmpty();
    }
}
