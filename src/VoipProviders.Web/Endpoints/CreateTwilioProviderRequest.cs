using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Web.Endpoints;

/// <summary>Body of <c>POST /api/v1/providers/twilio</c>. The attributes document the contract in OpenAPI; FluentValidation enforces it.</summary>
public sealed record CreateTwilioProviderRequest
{
    [Required]
    [RegularExpression(TwilioSid.AccountSidPattern)]
    [Description("The Twilio Account SID: 'AC' and 32 lowercase hexadecimal characters.")]
    public string? AccountSid { get; init; }

    [Required]
    [RegularExpression(TwilioSid.AuthTokenPattern)]
    [Description("The account's Auth Token: 32 lowercase hexadecimal characters. Validated with Twilio, stored encrypted, never returned.")]
    public string? AuthToken { get; init; }

    [StringLength(TwilioProvider.MaxNameLength, MinimumLength = 1)]
    [Description("Display name. Defaults to the Twilio account's friendly name.")]
    public string? Name { get; init; }

    [Description("Twilio edge the SIP traffic enters through; it picks the termination URI's host. Defaults to us1.")]
    public string? Region { get; init; }

    [Description("Whether calls on the trunk may be transferred (Twilio TransferMode enable-all). Defaults to false.")]
    public bool? SupportsCallTransfer { get; init; }

    public override string ToString() => $"CreateTwilioProviderRequest {{ AccountSid = {AccountSid}, AuthToken = [redacted], Name = {Name}, Region = {Region} }}";
}
