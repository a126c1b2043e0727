using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Body of <c>POST /api/v1/providers/twilio</c>. The attributes document the contract in OpenAPI; FluentValidation enforces it.</summary>
public sealed record CreateTwilioProviderRequest : IDescribesOpenApiSchema
{
    [Required]
    [RegularExpression(TwilioSid.AccountSidPattern)]
    [Description("The Twilio Account SID: 'AC' and 32 lowercase hexadecimal characters.")]
    public string? AccountSid { get; init; }

    [Required]
    [Description("The account's Auth Token: 32 lowercase hexadecimal characters. Validated with Twilio, stored encrypted, never returned.")]
    public TwilioAuthToken? AuthToken { get; init; }

    [StringLength(ProviderName.MaxLength, MinimumLength = 1)]
    [Description("Display name, without control, line-separator or bidirectional-override characters. Defaults to the Twilio account's friendly name.")]
    public string? Name { get; init; }

    [Description("Twilio edge the SIP traffic enters through; it picks the termination URI's host. Defaults to us1.")]
    public string? Region { get; init; }

    [Description("Whether calls on the trunk may be transferred (Twilio TransferMode enable-all). Defaults to false.")]
    public bool? SupportsCallTransfer { get; init; }

    [Description("TLS signalling and SRTP media on the trunk (Twilio Secure); the termination and origination URIs then use TLS. Defaults to false.")]
    public bool? SecureTrunking { get; init; }

    /// <summary>
    /// The Account SID, parsed once: null when absent (the command's validation names it as required, with the other
    /// fields it finds wrong).
    /// </summary>
    /// <exception cref="RequestValidationException">Present but not an Account SID (400 naming <c>accountSid</c>).</exception>
    public AccountSid? ParseAccountSid()
    {
        if (AccountSid is null)
        {
            return null;
        }

        if (Domain.Twilio.AccountSid.TryParse(AccountSid, out var accountSid))
        {
            return accountSid;
        }

        string[] problems = string.IsNullOrWhiteSpace(AccountSid)
            ? [CreateTwilioProviderCommandValidator.AccountSidRequired, CreateTwilioProviderCommandValidator.AccountSidShape]
            : [CreateTwilioProviderCommandValidator.AccountSidShape];
        throw new RequestValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["accountSid"] = problems });
    }

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        RequestSchemas.AllowRegions(schema, withDefault: true);
        schema.Examples =
        [
            new JsonObject
            {
                ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
                ["authToken"] = "0123456789abcdef0123456789abcdef",
                ["name"] = "Production Twilio",
                ["region"] = "ie1",
                ["supportsCallTransfer"] = false,
                ["secureTrunking"] = true,
            },
        ];
    }
}
