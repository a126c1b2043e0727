using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoipProviders.LoadTests;

/// <summary>
/// The HS256 settings both servers validate with (Auth:Issuer, Auth:Audience, Auth:SigningKey — a random key per run;
/// InternalApi:Enabled and InternalApi:Audience for the internal API of issue #18) and the tokens the driver sends:
/// tenant tokens (<c>sub</c>, <c>org_id</c>, the tenants' audience) and one service token (<c>sub</c>, <c>scope</c>
/// voip-providers.sip, the internal audience, no organization); both <c>iss</c>, typ JWT, an hour long.
/// </summary>
internal sealed class LoadAuth
{
    public const string Issuer = "voipproviders-load";
    public const string Audience = "voip-providers";
    public const string OrganizationClaim = "org_id";

    /// <summary>The project's default <c>InternalApi:Audience</c>, set explicitly so both servers read the same.</summary>
    public const string InternalAudience = "voip-providers-internal";

    public const string ScopeClaim = "scope";
    public const string SipScope = "voip-providers.sip";

    public string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The settings as environment variables of a server.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Auth__Issuer", Issuer),
        new("Auth__Audience", Audience),
        new("Auth__SigningKey", SigningKey),
        new("InternalApi__Enabled", "true"),
        new("InternalApi__Audience", InternalAudience),
        new("Sip__Origination__Uris__0__Uri", "sip:{routingKey}.in1.voice.example.com:5061;transport=tls"),
    ];

    /// <summary>An Authorization header value for the organization.</summary>
    public string BearerFor(string organizationId) =>
        Bearer(Audience, [new Claim("sub", "load-driver"), new Claim(OrganizationClaim, organizationId)]);

    /// <summary>An Authorization header value of the internal API: the SIP service's token, as its identity provider would mint it.</summary>
    public string ServiceBearer() =>
        Bearer(InternalAudience, [new Claim("sub", "load-sip-service"), new Claim(ScopeClaim, SipScope)]);

    private string Bearer(string audience, Claim[] claims)
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        return "Bearer " + token;
    }
}
