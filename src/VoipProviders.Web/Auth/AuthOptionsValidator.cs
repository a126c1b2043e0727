using System.Text;
using Microsoft.Extensions.Options;

namespace VoipProviders.Web.Auth;

/// <summary>
/// Fails start-up with a clear message instead of accepting every token or none — and, outside Development, instead of
/// accepting tokens signed with the development key that is published in <c>appsettings.Development.json</c>.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    /// <summary>The key in <c>appsettings.Development.json</c>: anyone can mint tokens with it.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey) || string.IsNullOrWhiteSpace(options.Issuer))
        {
            return ValidateOptionsResult.Fail("Configure Auth:Authority (OpenID Connect issuer) or Auth:SigningKey with Auth:Issuer (HS256).");
        }

        if (!environment.IsDevelopment() && string.Equals(options.SigningKey, DevelopmentSigningKey, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail(
                $"Auth:SigningKey is the development-only key from appsettings.Development.json, which must not be used in the {environment.EnvironmentName} environment; configure a secret key of your own or Auth:Authority.");
        }

        return Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumSigningKeyBytes
            ? ValidateOptionsResult.Fail($"Auth:SigningKey must be at least {AuthOptions.MinimumSigningKeyBytes} bytes.")
            : ValidateOptionsResult.Success;
    }
}
