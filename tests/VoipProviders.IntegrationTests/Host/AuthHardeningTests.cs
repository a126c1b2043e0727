using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: no anonymous endpoint by omission, pinned token types and algorithms, no development key in production.</summary>
public sealed class AuthHardeningTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_fallback_policy_is_the_organization_policy()
    {
        var fallback = await Fixture.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        fallback.Should().NotBeNull("an endpoint that forgets RequireAuthorization must not be anonymous");
        fallback!.Requirements.Should().ContainSingle(r => r is DenyAnonymousAuthorizationRequirement);
        fallback.Requirements.OfType<ClaimsAuthorizationRequirement>().Should().ContainSingle(r => r.ClaimType == "org_id");
    }

    /// <summary>
    /// The framework's own 405 endpoint carries no policy at all — exactly what a forgotten endpoint looks like — so
    /// the fallback policy decides: anonymous callers get 401, organization members the 405.
    /// </summary>
    [Fact]
    public async Task An_endpoint_without_a_policy_of_its_own_still_needs_an_organization_token()
    {
        using var anonymous = await Fixture.AnonymousClient().DeleteAsync("/openapi/v1.json");
        using var member = await ClientFor().DeleteAsync("/openapi/v1.json");

        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await member.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public void Only_the_health_and_OpenAPI_endpoints_are_anonymous_and_they_say_so_explicitly()
    {
        var endpoints = Fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Should().NotBeEmpty();

        endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText)
            .Should().BeEquivalentTo("/health/live", "/health/ready", "/openapi/{documentName}.json");
        var tenantEndpoints = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.RoutePattern.RawText!.StartsWith("/internal/", StringComparison.Ordinal)).ToList();
        tenantEndpoints.Should().NotBeEmpty();
        tenantEndpoints.Should().AllSatisfy(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Should().Contain(
            a => a.Policy == "Organization", $"{e.RoutePattern.RawText} is an API endpoint"));
        var internalEndpoints = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/internal/", StringComparison.Ordinal)).ToList();
        internalEndpoints.Select(e => e.RoutePattern.RawText).Should().BeEquivalentTo(
            "/internal/v1/providers/{id}/dial-out-route", "/internal/v1/inbound-calls/resolve",
            "/internal/v1/integration-events/parked", "/internal/v1/integration-events/parked/retry",
            "/internal/v1/background-work", "/internal/v1/background-work/{category}", "/internal/v1/background-work/abandoned-cleanups/{id}/retry");
        var operationsEndpoints = internalEndpoints
            .Where(e => e.RoutePattern.RawText!.StartsWith("/internal/v1/integration-events/", StringComparison.Ordinal)
                || e.RoutePattern.RawText!.StartsWith("/internal/v1/background-work", StringComparison.Ordinal))
            .ToList();
        operationsEndpoints.Should().HaveCount(5);
        operationsEndpoints.Should().AllSatisfy(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Should().Equal(
            ["InternalOperations"], $"{e.RoutePattern.RawText} takes service tokens with the operations scope only, never a tenant's"));
        internalEndpoints.Except(operationsEndpoints).Should().AllSatisfy(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Should().Equal(
            ["InternalApi"], $"{e.RoutePattern.RawText} takes service tokens only, never a tenant's"));
    }

    [Fact]
    public void Outside_Development_the_host_refuses_to_start_with_the_development_signing_key()
    {
        var contentRoot = Fixture.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(contentRoot, "appsettings.Development.json")));
        var developmentKey = development.RootElement.GetProperty("Auth").GetProperty("SigningKey").GetString()!;

        var failure = HostStart.FailureOf(Fixture, new Dictionary<string, string> { ["Auth:SigningKey"] = developmentKey });

        failure.Should().Contain("Auth:SigningKey").And.Contain("development-only key").And.Contain("Testing");
        failure.Should().NotContain(developmentKey, "a key is never echoed, not even the public development one");
    }

    [Fact]
    public async Task In_authority_mode_access_tokens_signed_with_the_issuers_RSA_or_EC_keys_are_accepted()
    {
        await using var issuer = await OidcIssuerStub.StartAsync();
        await using var host = await StartAuthorityHostAsync(issuer);

        (await GetProvidersAsync(host, issuer.RsaToken(OrgA))).Should().Be(HttpStatusCode.OK);
        (await GetProvidersAsync(host, issuer.RsaToken(OrgA, tokenType: "at+jwt"))).Should().Be(HttpStatusCode.OK);
        (await GetProvidersAsync(host, issuer.EcToken(OrgA))).Should().Be(HttpStatusCode.OK);
        (await GetProvidersAsync(host, issuer.RsaToken(OrgA, algorithm: SecurityAlgorithms.RsaSsaPssSha256))).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("id_token+jwt")]
    [InlineData("secevent+jwt")]
    [InlineData("logout+jwt")]
    public async Task In_authority_mode_a_token_that_is_not_an_access_token_is_refused(string tokenType)
    {
        await using var issuer = await OidcIssuerStub.StartAsync();
        await using var host = await StartAuthorityHostAsync(issuer);

        (await GetProvidersAsync(host, issuer.RsaToken(OrgA, tokenType: tokenType))).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task In_authority_mode_only_asymmetric_JOSE_algorithms_are_accepted()
    {
        await using var issuer = await OidcIssuerStub.StartAsync();
        await using var host = await StartAuthorityHostAsync(issuer);
        var parameters = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

        parameters.ValidAlgorithms.Should().BeEquivalentTo("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
        parameters.ValidTypes.Should().BeEquivalentTo("JWT", "at+jwt");
        // The RSA key would verify this signature; only the pin refuses the (XML-DSig) name it is announced under.
        (await GetProvidersAsync(host, issuer.RsaToken(OrgA, algorithm: SecurityAlgorithms.RsaSha256Signature)))
            .Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<TestHost> StartAuthorityHostAsync(OidcIssuerStub issuer) =>
        Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Auth:Authority"] = issuer.Issuer,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:SigningKey"] = string.Empty,
            ["Auth:Issuer"] = string.Empty,
            ["BackgroundJobs:Enabled"] = "false",
        });

    private static async Task<HttpStatusCode> GetProvidersAsync(TestHost host, string token)
    {
        using var client = host.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(ProvidersPath);
        return response.StatusCode;
    }
}
