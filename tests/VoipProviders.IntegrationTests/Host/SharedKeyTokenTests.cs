using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// Shared-key mode (<c>Auth:SigningKey</c>, the tests' own host): only HS256 signatures, an <c>exp</c> on every token,
/// and lifetimes checked against the clock with the configured skew (30 s) on both ends.
/// </summary>
public sealed class SharedKeyTokenTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan DocumentedClockSkew = TimeSpan.FromSeconds(30);

    private TimeSpan ClockSkew => Fixture.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
        .Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew;

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Only_HS256_is_accepted_HS384_signed_with_the_same_key_or_an_unsigned_token_is_401()
    {
        var expires = Now.AddMinutes(10);

        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now, expires, SecurityAlgorithms.HmacSha256))).Should().Be(HttpStatusCode.OK);
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now, expires, SecurityAlgorithms.HmacSha384)))
            .Should().Be(HttpStatusCode.Unauthorized, "the key would verify HS384; only the pin refuses it");
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now, expires, algorithm: null))).Should().Be(HttpStatusCode.Unauthorized, "alg: none");
    }

    [Fact]
    public async Task A_token_without_exp_is_401()
    {
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, notBefore: Now, expires: null))).Should().Be(HttpStatusCode.Unauthorized);
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, notBefore: null, expires: null))).Should().Be(HttpStatusCode.Unauthorized);
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, notBefore: null, expires: Now.AddMinutes(10))))
            .Should().Be(HttpStatusCode.OK, "nbf is optional, exp is not");
    }

    [Fact]
    public async Task A_token_expired_by_more_than_the_clock_skew_is_401_and_within_it_200()
    {
        var skew = ClockSkew;
        skew.Should().Be(DocumentedClockSkew);

        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now.AddHours(-1), Now - skew - TimeSpan.FromMinutes(1)))).Should().Be(HttpStatusCode.Unauthorized);
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now.AddHours(-1), Now - (skew / 2)))).Should().Be(HttpStatusCode.OK, "a clock a little ahead of the issuer's is tolerated");
    }

    [Fact]
    public async Task A_token_not_valid_before_a_moment_beyond_the_clock_skew_is_401_and_within_it_200()
    {
        var skew = ClockSkew;
        skew.Should().Be(DocumentedClockSkew);

        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now + skew + TimeSpan.FromMinutes(1), Now.AddHours(1)))).Should().Be(HttpStatusCode.Unauthorized);
        (await GetProvidersAsync(TestTokens.Shaped(OrgA, Now + (skew / 2), Now.AddHours(1)))).Should().Be(HttpStatusCode.OK, "a clock a little behind the issuer's is tolerated");
    }

    private async Task<HttpStatusCode> GetProvidersAsync(string token)
    {
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(ProvidersPath);
        return response.StatusCode;
    }
}
