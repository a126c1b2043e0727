using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Web.Endpoints;

/// <summary>Body of <c>PATCH /api/v1/providers/twilio/{id}/auth-token</c>.</summary>
public sealed record UpdateTwilioAuthTokenRequest
{
    [Required]
    [RegularExpression(TwilioSid.AuthTokenPattern)]
    [Description("The new Auth Token: 32 lowercase hexadecimal characters. Twilio must accept it for the provider's Account SID before it is stored.")]
    public string? AuthToken { get; init; }

    public override string ToString() => "UpdateTwilioAuthTokenRequest { AuthToken = [redacted] }";
}
