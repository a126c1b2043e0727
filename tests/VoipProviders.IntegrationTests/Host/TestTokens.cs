using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>HS256 tokens signed with the test host's key that the host must refuse.</summary>
internal static class TestTokens
{
    public static string Expired(string organizationId) =>
        Create(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10), new Claim("org_id", organizationId));

    public static string WithoutOrganization() => Create(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10));

    private static string Create(DateTime expires, params Claim[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VoipProvidersApiFactory.Issuer,
            Audience = VoipProvidersApiFactory.Audience,
            NotBefore = expires.AddMinutes(-30),
            IssuedAt = expires.AddMinutes(-30),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), .. claims]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(VoipProvidersApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
