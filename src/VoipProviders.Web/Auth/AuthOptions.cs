using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.Auth;

/// <summary>
/// Settings under <c>Auth</c>. Either an OpenID Connect issuer (<see cref="Authority"/> + <see cref="Audience"/>), or a
/// shared HS256 key (<see cref="SigningKey"/> + <see cref="Issuer"/> + <see cref="Audience"/>).
/// </summary>
[OptionsSection(SectionName)]
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinimumSigningKeyBytes = 32;

    public string? Authority { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string? Audience { get; set; }

    public string? Issuer { get; set; }

    public string? SigningKey { get; set; }

    /// <summary>Only for local development against a plain-http issuer.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
