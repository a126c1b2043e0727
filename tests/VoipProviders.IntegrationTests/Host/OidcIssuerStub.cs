using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// A minimal OpenID Connect issuer on loopback: discovery document and JWKS with one RSA and one P-256 key, and
/// tokens signed with them — what <c>Auth:Authority</c> points at in production.
/// </summary>
internal sealed class OidcIssuerStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa;
    private readonly ECDsa _ec;

    private OidcIssuerStub(WebApplication app, RSA rsa, ECDsa ec, string issuer)
    {
        _app = app;
        _rsa = rsa;
        _ec = ec;
        Issuer = issuer;
    }

    /// <summary>The issuer URL, without a trailing slash (the value of <c>Auth:Authority</c> and of the tokens' <c>iss</c>).</summary>
    public string Issuer { get; }

    public static async Task<OidcIssuerStub> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        string? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer!,
            ["jwks_uri"] = issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new object[] { RsaJwk(rsa), EcJwk(ec) } }));
        await app.StartAsync();
        issuer = app.Urls.First().TrimEnd('/');
        return new OidcIssuerStub(app, rsa, ec, issuer);
    }

    public string RsaToken(string organizationId, string tokenType = "JWT", string algorithm = SecurityAlgorithms.RsaSha256) =>
        Token(new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "rsa-1" }, algorithm), organizationId, tokenType);

    public string EcToken(string organizationId, string tokenType = "JWT") =>
        Token(new SigningCredentials(new ECDsaSecurityKey(_ec) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha256), organizationId, tokenType);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
        _ec.Dispose();
    }

    private string Token(SigningCredentials credentials, string organizationId, string tokenType)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "voip-providers",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = tokenType,
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("org_id", organizationId)]),
            SigningCredentials = credentials,
        });
    }

    private static Dictionary<string, string> RsaJwk(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = "rsa-1",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static Dictionary<string, string> EcJwk(ECDsa ec)
    {
        var parameters = ec.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["use"] = "sig",
            ["kid"] = "ec-1",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }
}
