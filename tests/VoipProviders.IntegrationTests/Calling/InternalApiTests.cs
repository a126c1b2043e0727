using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Calling;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Calling;

/// <summary>
/// Issue 18 §2: the calling contract for the platform's SIP/media layer — the dial-out route and the inbound
/// resolution — over the internal HTTP API (service tokens only, never cached, every bad parameter named) and through
/// the in-process facade.
/// </summary>
public sealed class InternalApiTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string DialOut = "dial-out route";
    private const string Resolve = "inbound resolution";
    private const string FirstNumber = "+14155550161";
    private const string SecondNumber = "+14155550162";
    private const string NotImportedNumber = "+14155550163";
    private const string OtherOrganizationsNumber = "+442071838750";
    private const string WellFormedUnknownKey = "abcdefghijklmnopqrstuvwx";

    public static TheoryData<string> Endpoints => new() { DialOut, Resolve };

    [Fact]
    public async Task The_dial_out_route_carries_everything_a_SIP_service_needs_and_its_credential_authenticates_a_call()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, SecondNumber, FirstNumber);
        await ClientFor().VerifyOkAsync(acme.Id);
        Twilio.ClearRequests();
        var credential = Twilio.CredentialListOf(acme.Account).Credentials.Single();
        using var get = await GetTwilioProviderAsync(acme.Id);
        var provider = await ReadJsonAsync(get);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());

        var route = await sip.DialOutRouteAsync(acme.Id, OrgA);

        route.GetProperty("providerId").GetGuid().Should().Be(acme.Id);
        route.GetProperty("terminationUri").GetString().Should().Be(provider.GetProperty("terminationUri").GetString())
            .And.StartWith("sip:").And.EndWith(".pstn.ashburn.twilio.com");
        route.GetProperty("sipUsername").GetString().Should().Be(credential.Username);
        route.GetProperty("sipPassword").GetString().Should().Be(credential.Password, "the password the trunk's credential list holds");
        route.GetProperty("callerIdNumbers").EnumerateArray().Select(n => n.GetString()).Should().Equal(FirstNumber, SecondNumber);
        route.GetProperty("secure").GetBoolean().Should().BeFalse();
        route.GetProperty("credentialVersion").GetInt32().Should().Be(1);
        route.GetProperty("verificationStatus").GetString().Should().Be("verified");

        var terminationUri = route.GetProperty("terminationUri").GetString()!;
        Twilio.AuthenticatesSipCall(terminationUri, credential.Username, route.GetProperty("sipPassword").GetString()!)
            .Should().BeTrue("a call placed with the route's credential is accepted by the trunk");
        Twilio.AuthenticatesSipCall(terminationUri, credential.Username, credential.Password + "x").Should().BeFalse("the probe does refuse a wrong password");
        Twilio.Requests.Should().BeEmpty("the route is read from the database, not from Twilio");
    }

    [Fact]
    public async Task Every_dial_out_read_is_logged_with_provider_organization_and_caller_and_never_with_the_password()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        var password = Twilio.CredentialListOf(acme.Account).Credentials.Single().Password;
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken(subject: "media-edge-7"));

        await sip.DialOutRouteAsync(acme.Id, OrgA);

        var read = Fixture.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1814, "one record per read").Subject;
        read.GetStructuredStateValue("ProviderId").Should().Be(acme.Id.ToString());
        read.GetStructuredStateValue("OrganizationId").Should().Be(OrgA);
        read.GetStructuredStateValue("Caller").Should().Be("media-edge-7", "the service token's subject");
        read.GetStructuredStateValue("CredentialVersion").Should().Be("1");
        await AssertSecretsNotLeakedAsync([password], acme.Account.Sid);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_token_the_internal_api_answers_401_and_says_not_to_cache_it(string endpoint)
    {
        var path = await PathToAsync(endpoint);
        using var anonymous = Fixture.InternalClient(null);

        using var response = await anonymous.GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        Fixture.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 1814);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_tenant_token_is_refused_with_403_problem_json_even_for_its_own_organization(string endpoint)
    {
        var path = await PathToAsync(endpoint);

        using var response = await ClientFor(OrgA).GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().NotContain("sipPassword");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_service_token_without_the_SIP_scope_is_refused_with_403(string endpoint)
    {
        var path = await PathToAsync(endpoint);
        using var client = Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: "voip-providers.read"));
        using var unscoped = Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: null));

        using var response = await client.GetAsync(path);
        using var withoutScope = await unscoped.GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await withoutScope.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
    }

    [Theory]
    [InlineData(DialOut, "other audience")]
    [InlineData(DialOut, "other key")]
    [InlineData(DialOut, "expired")]
    [InlineData(Resolve, "other audience")]
    [InlineData(Resolve, "other key")]
    [InlineData(Resolve, "expired")]
    public async Task A_service_token_for_another_audience_signed_with_another_key_or_expired_is_401(string endpoint, string flaw)
    {
        var path = await PathToAsync(endpoint);
        var token = flaw switch
        {
            "other audience" => CallingTestHelpers.ServiceToken(audience: "billing-internal"),
            "other key" => CallingTestHelpers.ServiceToken(signingKey: "another-signing-key-that-nobody-trusts-0123456789"),
            _ => CallingTestHelpers.ServiceToken(expiresIn: TimeSpan.FromMinutes(-5)),
        };
        using var client = Fixture.InternalClient(token);

        using var response = await client.GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task A_service_token_opens_no_tenant_endpoint_even_with_an_organization_claim()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        using var plain = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        using var withOrganization = Fixture.InternalClient(CallingTestHelpers.ServiceToken(organizationId: OrgA));

        using var list = await plain.GetAsync(ProvidersPath);
        using var get = await withOrganization.GetAsync($"{TwilioProvidersPath}/{acme.Id}");

        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await get.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Another_organizations_provider_and_an_unknown_provider_are_not_found()
    {
        var globex = await ConnectWithNumbersAsync(OrgB, OtherOrganizationsNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());

        using var foreign = await sip.GetAsync(CallingTestHelpers.DialOutRoutePath(globex.Id, OrgA));
        using var unknown = await sip.GetAsync(CallingTestHelpers.DialOutRoutePath(Guid.NewGuid(), OrgB));

        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        foreign.Headers.CacheControl?.NoStore.Should().BeTrue();
        (await foreign.Content.ReadAsStringAsync()).Should().NotContain(Twilio.CredentialListOf(globex.Account).Credentials.Single().Username);
        Fixture.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 1814, "nothing was read");
        await sip.DialOutRouteAsync(globex.Id, OrgB);
        using var noRoute = await sip.GetAsync($"{CallingTestHelpers.InternalPrefix}/providers/{globex.Id}/credentials");
        await noRoute.ShouldBeProblemAsync(HttpStatusCode.NotFound, "route_not_found");
        noRoute.Headers.CacheControl?.NoStore.Should().BeTrue("every answer under /internal is uncached");
    }

    [Fact]
    public async Task A_deleted_providers_route_and_numbers_are_gone_at_once()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        await sip.DialOutRouteAsync(acme.Id, OrgA);
        await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(FirstNumber, acme.RoutingKey));
        using (var deleted = await DeleteAsync(acme.Id))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var route = await sip.GetAsync(CallingTestHelpers.DialOutRoutePath(acme.Id, OrgA));
        using var byKey = await sip.GetAsync(CallingTestHelpers.ResolvePath(FirstNumber, acme.RoutingKey));
        using var byAccount = await sip.GetAsync(CallingTestHelpers.ResolvePath(FirstNumber, accountSid: acme.Account.Sid));

        await route.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await byKey.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await byAccount.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/internal/v1/providers/not-a-uuid/dial-out-route?organizationId=org_acme", "id")]
    [InlineData("/internal/v1/providers/00000000-0000-0000-0000-000000000000/dial-out-route?organizationId=org_acme", "id")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route", "organizationId")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route?organizationId=", "organizationId")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route?organizationId=org%0Aacme", "organizationId")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route?organizationId=org%00acme", "organizationId")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route?organizationId=org%20acme", "organizationId")]
    [InlineData("/internal/v1/providers/{id}/dial-out-route?organizationId=oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo", "organizationId")]
    public async Task A_malformed_dial_out_parameter_answers_400_naming_it(string template, string field)
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());

        using var response = await sip.GetAsync(template.Replace("{id}", acme.Id.ToString(), StringComparison.Ordinal));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
        Fixture.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 1814);
    }

    [Theory]
    [InlineData("calledNumber=4155550161&routingKey={key}", "calledNumber")]
    [InlineData("calledNumber=%2B0155550161&routingKey={key}", "calledNumber")]
    [InlineData("calledNumber=%2B1415555016112345&routingKey={key}", "calledNumber")]
    [InlineData("calledNumber=%2B1415%0A5550161&routingKey={key}", "calledNumber")]
    [InlineData("calledNumber=%2B1415%005550161&routingKey={key}", "calledNumber")]
    [InlineData("routingKey={key}", "calledNumber")]
    [InlineData("calledNumber=%2B14155550161&routingKey=ABCDEFGHIJKLMNOPQRSTUVWX", "routingKey")]
    [InlineData("calledNumber=%2B14155550161&routingKey=short", "routingKey")]
    [InlineData("calledNumber=%2B14155550161&routingKey=abcdefghij%0Aklmnopqrstuvwx", "routingKey")]
    [InlineData("calledNumber=%2B14155550161&routingKey=abcdefghij.klmnopqrstuvwx", "routingKey")]
    [InlineData("calledNumber=%2B14155550161&accountSid=AC123", "accountSid")]
    [InlineData("calledNumber=%2B14155550161&accountSid={account}%0A", "accountSid")]
    [InlineData("calledNumber=%2B14155550161&routingKey={key}&accountSid=ACZZ", "accountSid")]
    [InlineData("calledNumber=%2B14155550161", "routingKey")]
    public async Task A_malformed_resolve_parameter_answers_400_naming_it(string query, string field)
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var path = $"{CallingTestHelpers.InternalPrefix}/inbound-calls/resolve?"
            + query.Replace("{key}", acme.RoutingKey, StringComparison.Ordinal).Replace("{account}", acme.Account.Sid, StringComparison.Ordinal);

        using var response = await sip.GetAsync(path);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task An_inbound_call_resolves_to_its_owner_by_routing_key_by_account_sid_and_by_both()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber, SecondNumber);
        var globex = await ConnectWithNumbersAsync(OrgB, OtherOrganizationsNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var expected = new { organizationId = OrgA, providerId = acme.Id, phoneNumberId = acme.NumberIds[SecondNumber], phoneNumber = SecondNumber };

        var byKey = await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(SecondNumber, routingKey: acme.RoutingKey));
        var byAccount = await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(SecondNumber, accountSid: acme.Account.Sid));
        var byBoth = await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(SecondNumber, acme.RoutingKey, acme.Account.Sid));
        var other = await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(OtherOrganizationsNumber, globex.RoutingKey));

        foreach (var resolution in new[] { byKey, byAccount, byBoth })
        {
            Read(resolution).Should().BeEquivalentTo(expected);
        }

        Read(other).Should().BeEquivalentTo(new { organizationId = OrgB, providerId = globex.Id, phoneNumberId = globex.NumberIds[OtherOrganizationsNumber], phoneNumber = OtherOrganizationsNumber });
        Twilio.Requests.Should().BeEmpty("resolution reads the database only");
    }

    [Fact]
    public async Task An_inbound_call_that_no_provider_matches_with_every_key_given_is_not_found()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        var globex = await ConnectWithNumbersAsync(OrgB, OtherOrganizationsNumber);
        Twilio.AddIncomingPhoneNumber(acme.Account.Sid, NotImportedNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        string[] paths =
        [
            CallingTestHelpers.ResolvePath(FirstNumber, routingKey: globex.RoutingKey),
            CallingTestHelpers.ResolvePath(FirstNumber, accountSid: globex.Account.Sid),
            CallingTestHelpers.ResolvePath(FirstNumber, acme.RoutingKey, globex.Account.Sid),
            CallingTestHelpers.ResolvePath(FirstNumber, globex.RoutingKey, acme.Account.Sid),
            CallingTestHelpers.ResolvePath(FirstNumber, routingKey: WellFormedUnknownKey),
            CallingTestHelpers.ResolvePath(NotImportedNumber, routingKey: acme.RoutingKey),
            CallingTestHelpers.ResolvePath(NotImportedNumber, accountSid: acme.Account.Sid),
            CallingTestHelpers.ResolvePath("+14155550199", routingKey: acme.RoutingKey),
        ];

        foreach (var path in paths)
        {
            using var response = await sip.GetAsync(path);
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
            response.Headers.CacheControl?.NoStore.Should().BeTrue(path);
            problem.ToString().Should().NotContain(OrgA, path).And.NotContain(OrgB, path).And.NotContain(acme.Id.ToString(), path);
        }

        // The very same keys do resolve the right number: the 404s are about the combination.
        await ResolveOkAsync(sip, CallingTestHelpers.ResolvePath(FirstNumber, acme.RoutingKey, acme.Account.Sid));
    }

    [Fact]
    public async Task The_in_process_facade_answers_the_same_route_and_resolution_and_keeps_organizations_apart()
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        var globex = await ConnectWithNumbersAsync(OrgB, OtherOrganizationsNumber);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        var overHttp = await sip.DialOutRouteAsync(acme.Id, OrgA);
        Fixture.Logs.Clear();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();

        var route = await module.ExecuteQueryAsync(new GetDialOutRouteQuery(OrgA, acme.Id, "agents-module"), CancellationToken.None);
        var resolution = await module.ExecuteQueryAsync(new ResolveInboundCallQuery(FirstNumber, acme.RoutingKey), CancellationToken.None);
        var foreignRoute = () => module.ExecuteQueryAsync(new GetDialOutRouteQuery(OrgA, globex.Id, "agents-module"), CancellationToken.None).AsTask();
        var unknownRoute = () => module.ExecuteQueryAsync(new GetDialOutRouteQuery(OrgA, Guid.NewGuid(), "agents-module"), CancellationToken.None).AsTask();
        var wrongKey = () => module.ExecuteQueryAsync(new ResolveInboundCallQuery(FirstNumber, globex.RoutingKey), CancellationToken.None).AsTask();
        var noKey = () => module.ExecuteQueryAsync(new ResolveInboundCallQuery(FirstNumber), CancellationToken.None).AsTask();

        route.TerminationUri.Should().Be(overHttp.GetProperty("terminationUri").GetString());
        route.SipUsername.Should().Be(overHttp.GetProperty("sipUsername").GetString());
        route.SipPassword.Should().Be(overHttp.GetProperty("sipPassword").GetString());
        route.CallerIdNumbers.Should().Equal(FirstNumber);
        route.Secure.Should().BeFalse();
        route.CredentialVersion.Should().Be(1);
        route.VerificationStatus.Should().Be(ProviderVerificationStatus.Pending);
        route.ToString().Should().NotContain(route.SipPassword, "a route that is printed or logged hides the password");
        resolution.Should().Be(new InboundCallResolution(OrgA, acme.Id, acme.NumberIds[FirstNumber], FirstNumber));
        await foreignRoute.Should().ThrowAsync<NotFoundException>();
        await unknownRoute.Should().ThrowAsync<NotFoundException>();
        await wrongKey.Should().ThrowAsync<NotFoundException>();
        (await noKey.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("routingKey");
        var read = Fixture.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1814).Subject;
        read.GetStructuredStateValue("Caller").Should().Be("agents-module");
        await AssertSecretsNotLeakedAsync([route.SipPassword], acme.Account.Sid);
    }

    private static async Task<JsonElement> ResolveOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path}: {body}");
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static object Read(JsonElement resolution) => new
    {
        organizationId = resolution.GetProperty("organizationId").GetString(),
        providerId = resolution.GetProperty("providerId").GetGuid(),
        phoneNumberId = resolution.GetProperty("phoneNumberId").GetGuid(),
        phoneNumber = resolution.GetProperty("phoneNumber").GetString(),
    };

    /// <summary>A path to <paramref name="endpoint"/> that a valid service token would be answered 200 on.</summary>
    private async Task<string> PathToAsync(string endpoint)
    {
        var acme = await ConnectWithNumbersAsync(OrgA, FirstNumber);
        var path = endpoint == DialOut
            ? CallingTestHelpers.DialOutRoutePath(acme.Id, OrgA)
            : CallingTestHelpers.ResolvePath(FirstNumber, acme.RoutingKey);
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        using var ok = await sip.GetAsync(path);
        ok.StatusCode.Should().Be(HttpStatusCode.OK, "the same request with a valid service token succeeds");
        Fixture.Logs.Clear();
        return path;
    }

    /// <summary>Connects a provider in <paramref name="organizationId"/> and imports <paramref name="numbers"/> from its account.</summary>
    private async Task<Connected> ConnectWithNumbersAsync(string organizationId, params string[] numbers)
    {
        var builder = NewProvider(organizationId);
        var sids = numbers.Select(n => Twilio.AddIncomingPhoneNumber(builder.Account.Sid, n).Sid).ToArray();
        var id = await builder.ConnectAsync();
        var ids = await ImportAllAsync(organizationId, id, sids);
        using var get = await GetTwilioProviderAsync(id, organizationId);
        var routingKey = (await ReadJsonAsync(get)).GetProperty("inboundRoutingKey").GetString()!;
        Fixture.Logs.Clear();
        Twilio.ClearRequests();
        return new Connected(id, builder.Account, routingKey, numbers.Zip(ids).ToDictionary(p => p.First, p => p.Second));
    }

    private sealed record Connected(Guid Id, EmulatedAccount Account, string RoutingKey, IReadOnlyDictionary<string, Guid> NumberIds);
}
