using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace VoipProviders.Web.Auth;

internal static class AuthenticationSetup
{
    public static IServiceCollection AddVoipProvidersAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new AuthSettings();
        var validation = Validate(settings);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = validation;
                if (!string.IsNullOrWhiteSpace(settings.Authority))
                {
                    options.Authority = settings.Authority;
                    options.Audience = settings.Audience;
                    options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                }
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(OrganizationClaims.PolicyName, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(OrganizationClaims.ClaimType));
        return services;
    }

    /// <summary>Fails start-up with a clear message instead of accepting every token or none.</summary>
    private static TokenValidationParameters Validate(AuthSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Audience))
        {
            throw new InvalidOperationException("Auth:Audience is required.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
        };

        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            parameters.ValidateIssuer = true;
            return parameters;
        }

        if (string.IsNullOrWhiteSpace(settings.SigningKey) || string.IsNullOrWhiteSpace(settings.Issuer))
        {
            throw new InvalidOperationException(
                "Configure Auth:Authority (OpenID Connect issuer) or Auth:SigningKey with Auth:Issuer (HS256).");
        }

        var key = Encoding.UTF8.GetBytes(settings.SigningKey);
        if (key.Length < AuthSettings.MinimumSigningKeyBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKey must be at least {AuthSettings.MinimumSigningKeyBytes} bytes.");
        }

        parameters.ValidateIssuer = true;
        parameters.ValidIssuer = settings.Issuer;
        parameters.ValidateIssuerSigningKey = true;
        parameters.IssuerSigningKey = new SymmetricSecurityKey(key);
        parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        return parameters;
    }
}
