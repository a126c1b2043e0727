using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// <see cref="TwilioEmulatorState.RouteInboundCall"/> and <c>GET /_emulator/inbound-calls/route</c>: "someone dials the number",
/// modelled on Elastic SIP Trunking origination. The trunk, number and origination URLs are set up through the real SDK.
/// </summary>
public sealed class InboundCallProbeTests : EmulatorTestBase
{
    private const string Number = "+15551234567";

    [Fact]
    public void Unknown_number_is_20404()
    {
        var route = State.RouteInboundCall(Number);

        route.Should().BeEquivalentTo(new
        {
            PhoneNumber = Number,
            PhoneNumberSid = (string?)null,
            TrunkSid = (string?)null,
            Secure = false,
            ErrorCode = 20404,
            Candidates = Array.Empty<EmulatedOriginationUrl>(),
            Routable = false,
        });
        route.ErrorMessage.Should().Contain(Number);
    }

    [Fact]
    public void Number_not_attached_to_a_trunk_is_32010()
    {
        var number = State.AddIncomingPhoneNumber(Account.Sid, Number);

        var route = State.RouteInboundCall(Number);

        route.ErrorCode.Should().Be(32010).And.Be(TwilioErrorCodes.NoActiveOriginationUrl);
        route.PhoneNumberSid.Should().Be(number.Sid);
        route.TrunkSid.Should().BeNull();
        route.Candidates.Should().BeEmpty();
        route.Routable.Should().BeFalse();
        route.ErrorMessage.Should().Contain("not associated with a trunk");
    }

    [Fact]
    public async Task Attached_number_on_a_trunk_without_origination_urls_is_32010()
    {
        var client = Client();
        var (trunk, _) = await TrunkWithNumberAsync(client);

        var route = State.RouteInboundCall(Number);

        route.ErrorCode.Should().Be(32010);
        route.TrunkSid.Should().Be(trunk.Sid);
        route.Candidates.Should().BeEmpty();
        route.ErrorMessage.Should().Be($"Trunk {trunk.Sid} has no enabled origination URL");
    }

    [Fact]
    public async Task Only_disabled_origination_urls_is_32010_and_enabling_one_routes_the_call()
    {
        var client = Client();
        var (trunk, _) = await TrunkWithNumberAsync(client);
        var first = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, false, "off", new Uri("sip:off.example.com"), client);
        await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 5, false, "also-off", new Uri("sip:also-off.example.com"), client);

        State.RouteInboundCall(Number).ErrorCode.Should().Be(32010);

        await OriginationUrlResource.UpdateAsync(trunk.Sid, first.Sid, enabled: true, client: client);

        var route = State.RouteInboundCall(Number);
        route.ErrorCode.Should().BeNull();
        route.Routable.Should().BeTrue();
        route.Candidates.Select(c => c.Sid).Should().Equal(first.Sid);

        await OriginationUrlResource.UpdateAsync(trunk.Sid, first.Sid, enabled: false, client: client);
        State.RouteInboundCall(Number).ErrorCode.Should().Be(32010);
    }

    [Fact]
    public async Task Only_the_enabled_urls_with_the_lowest_priority_value_are_candidates_with_their_weights()
    {
        var client = Client();
        var (trunk, number) = await TrunkWithNumberAsync(client);
        var disabledBest = await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 1, false, "disabled", new Uri("sip:disabled.example.com"), client);
        var heavy = await OriginationUrlResource.CreateAsync(trunk.Sid, 60, 10, true, "heavy", new Uri("sip:heavy.example.com:5060"), client);
        var backup = await OriginationUrlResource.CreateAsync(trunk.Sid, 100, 20, true, "backup", new Uri("sip:backup.example.com"), client);
        var light = await OriginationUrlResource.CreateAsync(trunk.Sid, 40, 10, true, "light", new Uri("sip:light.example.com"), client);

        var route = State.RouteInboundCall(Number);

        route.Routable.Should().BeTrue();
        route.ErrorCode.Should().BeNull();
        route.ErrorMessage.Should().BeNull();
        route.PhoneNumberSid.Should().Be(number.Sid);
        route.TrunkSid.Should().Be(trunk.Sid);
        route.Secure.Should().BeFalse();
        route.CandidatesWithoutTls.Should().BeEmpty();
        route.Candidates.Select(c => (c.Sid, c.SipUrl, c.Weight, c.Priority)).Should().Equal(
            (heavy.Sid, "sip:heavy.example.com:5060", 60, 10),
            (light.Sid, "sip:light.example.com", 40, 10));
        route.Candidates.Select(c => c.Sid).Should().NotContain([disabledBest.Sid, backup.Sid]);

        // The preferred pair goes away: the next priority takes over.
        await OriginationUrlResource.DeleteAsync(trunk.Sid, heavy.Sid, client);
        await OriginationUrlResource.UpdateAsync(trunk.Sid, light.Sid, priority: 30, client: client);

        State.RouteInboundCall(Number).Candidates.Select(c => c.Sid).Should().Equal(backup.Sid);
    }

    [Fact]
    public async Task Secure_trunk_flags_candidates_without_transport_tls_as_32011()
    {
        var client = Client();
        var (trunk, _) = await TrunkWithNumberAsync(client);
        var tls = await OriginationUrlResource.CreateAsync(trunk.Sid, 50, 10, true, "tls", new Uri("sip:tls.example.com:5061;transport=tls"), client);
        var plain = await OriginationUrlResource.CreateAsync(trunk.Sid, 50, 10, true, "plain", new Uri("sip:plain.example.com:5060;transport=udp"), client);
        await OriginationUrlResource.CreateAsync(trunk.Sid, 50, 90, true, "lower priority, not checked", new Uri("sip:other.example.com"), client);

        State.RouteInboundCall(Number).Should().BeEquivalentTo(new { Secure = false, ErrorCode = (int?)null, CandidatesWithoutTls = Array.Empty<string>() });

        await TrunkResource.UpdateAsync(trunk.Sid, secure: true, client: client);

        var route = State.RouteInboundCall(Number);
        route.Secure.Should().BeTrue();
        route.ErrorCode.Should().Be(32011).And.Be(TwilioErrorCodes.OriginationTlsRequired);
        route.Routable.Should().BeFalse();
        route.CandidatesWithoutTls.Should().Equal(plain.Sid);
        route.Candidates.Select(c => c.Sid).Should().Equal(tls.Sid, plain.Sid);
        route.ErrorMessage.Should().Contain(plain.Sid).And.Contain("transport=tls");

        await OriginationUrlResource.UpdateAsync(trunk.Sid, plain.Sid, sipUrl: new Uri("sip:plain.example.com:5061;Transport=TLS"), client: client);

        var fixedRoute = State.RouteInboundCall(Number);
        fixedRoute.Routable.Should().BeTrue();
        fixedRoute.Secure.Should().BeTrue();
        fixedRoute.CandidatesWithoutTls.Should().BeEmpty();
        fixedRoute.Candidates.Should().HaveCount(2);
    }

    [Fact]
    public async Task Detaching_the_number_or_deleting_the_trunk_stops_routing()
    {
        var client = Client();
        var (trunk, number) = await TrunkWithNumberAsync(client);
        await OriginationUrlResource.CreateAsync(trunk.Sid, 10, 10, true, "pbx", new Uri("sip:pbx.example.com"), client);
        State.RouteInboundCall(Number).Routable.Should().BeTrue();

        await PhoneNumberResource.DeleteAsync(trunk.Sid, number.Sid, client);
        State.RouteInboundCall(Number).Should().BeEquivalentTo(new { ErrorCode = 32010, TrunkSid = (string?)null });

        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        State.RouteInboundCall(Number).Routable.Should().BeTrue();
        await TrunkResource.DeleteAsync(trunk.Sid, client);
        State.RouteInboundCall(Number).Should().BeEquivalentTo(new { ErrorCode = 32010, TrunkSid = (string?)null, PhoneNumberSid = number.Sid });
    }

    [Theory]
    [InlineData("15551234567")]
    [InlineData("+1 555 123 4567")]
    [InlineData("")]
    public void A_number_that_is_not_e164_is_an_argument_error(string phoneNumber)
    {
        var act = () => State.RouteInboundCall(phoneNumber);

        act.Should().Throw<ArgumentException>().WithParameterName("phoneNumber");
    }

    [Fact]
    public async Task Admin_endpoint_returns_the_route_as_json()
    {
        var client = Client();
        var (trunk, number) = await TrunkWithNumberAsync(client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 70, 10, true, "pbx", new Uri("sip:pbx.example.com;transport=tls"), client);
        var http = RawClient(authenticate: false);

        var route = await http.GetFromJsonAsync<JsonElement>(new Uri("_emulator/inbound-calls/route?to=%2B15551234567", UriKind.Relative));
        // An unencoded '+' arrives as a space; the endpoint puts it back.
        var unencoded = await http.GetFromJsonAsync<JsonElement>(new Uri("_emulator/inbound-calls/route?to=+15551234567", UriKind.Relative));

        route.GetProperty("phoneNumber").GetString().Should().Be(Number);
        route.GetProperty("phoneNumberSid").GetString().Should().Be(number.Sid);
        route.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid);
        route.GetProperty("secure").GetBoolean().Should().BeFalse();
        route.GetProperty("errorCode").ValueKind.Should().Be(JsonValueKind.Null);
        route.GetProperty("routable").GetBoolean().Should().BeTrue();
        var candidate = route.GetProperty("candidates").EnumerateArray().Should().ContainSingle().Which;
        candidate.GetProperty("sid").GetString().Should().Be(url.Sid);
        candidate.GetProperty("sipUrl").GetString().Should().Be("sip:pbx.example.com;transport=tls");
        candidate.GetProperty("weight").GetInt32().Should().Be(70);
        unencoded.GetProperty("trunkSid").GetString().Should().Be(trunk.Sid);
        State.Requests.Should().NotContain(r => r.Path.StartsWith("/_emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_endpoint_reports_failures_with_the_error_code_and_refuses_bad_input()
    {
        State.AddIncomingPhoneNumber(Account.Sid, Number);
        var http = RawClient(authenticate: false);

        var unattached = await http.GetFromJsonAsync<JsonElement>(new Uri("_emulator/inbound-calls/route?to=%2B15551234567", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("_emulator/inbound-calls/route", UriKind.Relative));
        using var invalid = await http.GetAsync(new Uri("_emulator/inbound-calls/route?to=555-1234", UriKind.Relative));

        unattached.GetProperty("errorCode").GetInt32().Should().Be(32010);
        unattached.GetProperty("routable").GetBoolean().Should().BeFalse();
        unattached.GetProperty("candidates").GetArrayLength().Should().Be(0);
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Contain("E.164");
    }

    /// <summary>A trunk with <see cref="Number"/> attached through the SDK.</summary>
    private async Task<(TrunkResource Trunk, EmulatedPhoneNumber Number)> TrunkWithNumberAsync(TwilioRestClient client)
    {
        var number = State.AddIncomingPhoneNumber(Account.Sid, Number);
        var trunk = await TrunkResource.CreateAsync(friendlyName: "inbound", client: client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        return (trunk, number);
    }
}
