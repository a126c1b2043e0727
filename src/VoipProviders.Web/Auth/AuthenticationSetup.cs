using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.Infrastructure.Configuration;

namespace VoipProviders.Web.Auth;

internal static class AuthenticationSetup
{
    public static IServiceCollection AddVoipProvidersAuthentication(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));

        services.AddAuthorizationBuilder()
            .AddPolicy(OrganizationClaims.PolicyName, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(OrganizationClaims.ClaimType));
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        var parameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
            ValidateIssuer = true,
        };

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.Audience = auth.Audience;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
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
