using Microsoft.Extensions.Options;
using VoipProviders.Web.Auth;

namespace VoipProviders.Web.Calling;

/// <summary>Refuses an internal API whose audience is the tenants' one: every tenant token would then be a service token but for its scope.</summary>
internal sealed class InternalApiOptionsValidator(IOptions<AuthOptions> auth) : IValidateOptions<InternalApiOptions>
{
    public ValidateOptionsResult Validate(string? name, InternalApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled && string.Equals(options.Audience, auth.Value.Audience, StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("InternalApi:Audience must differ from Auth:Audience: tenant tokens must never be accepted as service tokens.")
            : ValidateOptionsResult.Success;
    }
}
