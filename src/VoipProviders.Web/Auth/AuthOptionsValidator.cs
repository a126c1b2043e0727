using System.Text;
using Microsoft.Extensions.Options;

namespace VoipProviders.Web.Auth;

/// <summary>Fails start-up with a clear message instead of accepting every token or none.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
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

        return Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumSigningKeyBytes
            ? ValidateOptionsResult.Fail($"Auth:SigningKey must be at least {AuthOptions.MinimumSigningKeyBytes} bytes.")
            : ValidateOptionsResult.Success;
    }
}
