using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoipProviders.LoadTests;

/// <summary>
/// The HS256 settings both servers validate with (Auth:Issuer, Auth:Audience, Auth:SigningKey — a random key per run)
/// and the tokens the driver sends: <c>sub</c>, <c>org_id</c>, <c>iss</c>, <c>aud</c>, typ JWT, an hour long.
/// </summary>
internal sealed class LoadAuth
{
    public const string Issuer = "voipproviders-load";
    public const string Audience = "voip-providers";
    public const string OrganizationClaim = "org_id";

    public string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The settings as environment variables of a server.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Auth__Issuer", Issuer),
        new("Auth__Audience", Audience),
        new("Auth__SigningKey", SigningKey),
        new("Sip__Origination__Uris__0__Uri", "sip:{routingKey}.in1.voice.example.com:5061;transport=tls"),
    ];

    /// <summary>An Authorization header value for the organization.</summary>
    public string BearerFor(string organizationId)
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "load-driver"), new Claim(OrganizationClaim, organizationId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        return "Bearer " + token;
    }
}
