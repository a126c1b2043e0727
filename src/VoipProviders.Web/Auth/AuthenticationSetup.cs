using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.Web.Calling;

namespace VoipProviders.Web.Auth;

/// <summary>
/// JWT bearer authentication and the organization policy. Hardening (ADR-010): the policy is also the fallback, so an
/// endpoint that forgets to require it is never anonymous (health and OpenAPI opt out explicitly); token types and
/// algorithms are pinned (HS256 with a shared key; the RS/PS/ES families with an authority, whose keys come from its
/// metadata); a rejected token's reason is not sent back in WWW-Authenticate.
/// </summary>
internal static class AuthenticationSetup
{
    /// <summary>Access tokens only: a plain JWT or an RFC 9068 access token, not an ID or logout token.</summary>
    public static readonly string[] ValidTokenTypes = ["JWT", "at+jwt"];

    /// <summary>What an OpenID Connect issuer may sign with: asymmetric algorithms only, never HS* or none.</summary>
    public static readonly string[] AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static IServiceCollection AddVoipProvidersAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IOptions<InternalApiOptions>>((jwt, auth, internalApi) => Configure(jwt, auth.Value, internalApi.Value));

        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>, IOptions<InternalApiOptions>>((authorization, auth, internalApi) =>
        {
            // A tenant token is one for the tenants' audience with an organization; a service token of the internal API
            // is one for its own audience with the SIP scope. Neither passes for the other.
            var organizationPolicy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(OrganizationClaims.ClaimType)
                .RequireAssertion(context => ServiceTokens.HasAudience(context.User, auth.Value.Audience!))
                .Build();
            authorization.AddPolicy(OrganizationClaims.PolicyName, organizationPolicy);
            authorization.FallbackPolicy = organizationPolicy;
            authorization.AddPolicy(InternalApiOptions.PolicyName, ServiceTokenPolicy(internalApi.Value.Audience, InternalApiOptions.RequiredScope));
            authorization.AddPolicy(
                Operations.InternalOperationsEndpoints.PolicyName,
                ServiceTokenPolicy(internalApi.Value.Audience, Operations.InternalOperationsEndpoints.RequiredScope));
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnknownRouteAuthorizationResultHandler>();
        services.AddHostedService<InsecureAuthMetadataWarning>();
        return services;
    }

    /// <summary>A service token of the internal API: its audience, and the scope the endpoints need.</summary>
    private static AuthorizationPolicy ServiceTokenPolicy(string audience, string scope) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ServiceTokens.HasAudience(context.User, audience) && ServiceTokens.HasScope(context.User, scope))
            .Build();

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth, InternalApiOptions internalApi)
    {
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        var parameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudiences = internalApi.Enabled ? [auth.Audience, internalApi.Audience] : [auth.Audience],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
            ValidateIssuer = true,
            ValidTypes = ValidTokenTypes,
        };

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            parameters.ValidAlgorithms = AuthorityAlgorithms;
        }
        else if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            parameters.ValidIssuer = auth.Issuer;
            parameters.ValidateIssuerSigningKey = true;
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey));
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        jwt.TokenValidationParameters = parameters;
    }
}
