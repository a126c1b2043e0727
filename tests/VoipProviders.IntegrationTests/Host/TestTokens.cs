using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>Tokens for the test host's shared-key (HS256) mode that the host must refuse — or, shaped by a test, accept.</summary>
internal static class TestTokens
{
    public static string Expired(string organizationId) =>
        Create(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10), new Claim("org_id", organizationId));

    public static string WithoutOrganization() => Create(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10));

    /// <summary>
    /// A tenant token of <paramref name="organizationId"/> with exactly the lifetime claims given (none is added:
    /// a null leaves the claim out), signed with the host's key under <paramref name="algorithm"/>, or not signed at
    /// all (<c>alg: none</c>) when it is null.
    /// </summary>
    public static string Shaped(string organizationId, DateTime? notBefore, DateTime? expires, string? algorithm = SecurityAlgorithms.HmacSha256) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VoipProvidersApiFactory.Issuer,
            Audience = VoipProvidersApiFactory.Audience,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), new Claim("org_id", organizationId)]),
            SigningCredentials = algorithm is null ? null : new SigningCredentials(HostKey, algorithm),
        });

    private static SymmetricSecurityKey HostKey => new(Encoding.UTF8.GetBytes(VoipProvidersApiFactory.SigningKey));

    private static string Create(DateTime expires, params Claim[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VoipProvidersApiFactory.Issuer,
            Audience = VoipProvidersApiFactory.Audience,
            NotBefore = expires.AddMinutes(-30),
            IssuedAt = expires.AddMinutes(-30),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), .. claims]),
            SigningCredentials = new SigningCredentials(HostKey, SecurityAlgorithms.HmacSha256),
        });
}
