using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders;

public sealed class GetTwilioProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Get_returns_the_provider_to_its_organization()
    {
        var account = Twilio.AddAccount("Acme Voice");
        using var created = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken, name = "Main", region = "sg1" });
        var createdBody = await created.Content.ReadAsStringAsync();
        var id = System.Text.Json.JsonDocument.Parse(createdBody).RootElement.GetProperty("id").GetGuid();
        Twilio.ClearRequests();

        using var response = await GetTwilioProviderAsync(id);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = System.Text.Json.JsonDocument.Parse(body).RootElement;
        body.Should().Be(createdBody, "GET answers what POST returned");
        response.Headers.ETag!.ToString().Should().Be(created.Headers.ETag!.ToString());
        provider.GetProperty("providerType").GetString().Should().Be("twilio");
        provider.GetProperty("terminationUri").GetString().Should().EndWith(".pstn.singapore.twilio.com");
        body.Should().NotContain(account.AuthToken);
        Twilio.Requests.Should().BeEmpty("reading a provider never calls Twilio");
    }

    [Fact]
    public async Task Get_of_another_organizations_provider_answers_404()
    {
        var id = await ConnectAsync(OrgA);

        using var response = await GetTwilioProviderAsync(id, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("not_found");
        problem.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_answers_404_problem()
    {
        using var response = await ClientFor().GetAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Get_with_a_malformed_id_answers_400_naming_id(string id)
    {
        using var response = await ClientFor().GetAsync($"{TwilioProvidersPath}/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Requests_without_a_token_answer_401_problem()
    {
        using var response = await Fixture.AnonymousClient().GetAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    public static TheoryData<string> BadTokens => new()
    {
        Token(VoipProvidersApiFactory.SigningKey.Replace('0', '1'), VoipProvidersApiFactory.Issuer, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10), withOrg: true),
        Token(VoipProvidersApiFactory.SigningKey, "someone-else", TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10), withOrg: true),
        Token(VoipProvidersApiFactory.SigningKey, VoipProvidersApiFactory.Issuer, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10), withOrg: true),
        "not-a-jwt",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Requests_with_an_invalid_token_answer_401(string token)
    {
        var id = await ConnectAsync();
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync($"{TwilioProvidersPath}/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_without_an_org_id_claim_answers_403()
    {
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", Token(VoipProvidersApiFactory.SigningKey, VoipProvidersApiFactory.Issuer, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10), withOrg: false));

        using var response = await client.GetAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static string Token(string key, string issuer, DateTime expires, bool withOrg)
    {
        var claims = new List<Claim> { new("sub", "tester") };
        if (withOrg)
        {
            claims.Add(new Claim("org_id", OrgA));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = VoipProvidersApiFactory.Audience,
            NotBefore = expires.AddMinutes(-30),
            IssuedAt = expires.AddMinutes(-30),
            Expires = expires,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
