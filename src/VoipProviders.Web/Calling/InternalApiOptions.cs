using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.Calling;

/// <summary>
/// Settings under <c>InternalApi</c>: the API the platform's SIP/media service calls (<c>/internal/v1</c>). Off unless
/// enabled; when on, it takes bearer tokens from the tenants' issuer with <see cref="Audience"/> and the
/// <see cref="RequiredScope"/> scope — service tokens, which no tenant token is.
/// </summary>
[OptionsSection(SectionName)]
public sealed class InternalApiOptions
{
    public const string SectionName = "InternalApi";
    public const string RequiredScope = "voip-providers.sip";
    public const string PolicyName = "InternalApi";

    public bool Enabled { get; set; }

    /// <summary>The audience of service tokens; must differ from <c>Auth:Audience</c>, so no tenant token qualifies.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[\x21-\x7e]{1,200}$", ErrorMessage = "InternalApi:Audience must be 1 to 200 visible ASCII characters.")]
    public string Audience { get; set; } = "voip-providers-internal";
}
