using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoipProviders.Web.Auth;

/// <summary>
/// Mints HS256 tokens with the configured <c>Auth:SigningKey</c>, for development and tests:
/// <c>dotnet run --project src/VoipProviders.Web -- dev-token --org org_demo</c>. Lifetimes are capped at
/// <see cref="MaxLifetime"/>, so a leaked development token does not stay valid for long.
/// </summary>
public static class DevTokenIssuer
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    public static string Issue(AuthOptions settings, string organizationId, TimeSpan lifetime, TimeProvider timeProvider, string subject = "dev-user") =>
        Issue(settings, settings?.Audience, [new Claim("sub", subject), new Claim(OrganizationClaims.ClaimType, organizationId)], lifetime, timeProvider);

    /// <summary>
    /// A service token of the internal API: the internal audience and the SIP scope, no organization — what the
    /// platform's SIP/media service gets from the identity provider in production.
    /// </summary>
    public static string IssueService(AuthOptions settings, string internalAudience, TimeSpan lifetime, TimeProvider timeProvider, string subject = "dev-sip-service") =>
        Issue(settings, internalAudience, [new Claim("sub", subject), new Claim("scope", Calling.InternalApiOptions.RequiredScope)], lifetime, timeProvider);

    private static string Issue(AuthOptions? settings, string? audience, Claim[] claims, TimeSpan lifetime, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A development token lives longer than zero and at most {MaxLifetime.TotalHours:0} hours.");
        }

        if (string.IsNullOrWhiteSpace(settings.SigningKey) || string.IsNullOrWhiteSpace(settings.Issuer))
        {
            throw new InvalidOperationException("dev-token needs Auth:SigningKey and Auth:Issuer.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
