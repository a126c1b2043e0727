using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.PhoneNumbers;

/// <summary>Body of <c>POST /api/v1/providers/twilio/{id}/import-numbers</c>.</summary>
public sealed record ImportPhoneNumbersRequest : IDescribesOpenApiSchema
{
    [Required]
    [MinLength(1)]
    [MaxLength(1000)]
    [Description("1 to 1000 phone number SIDs of the provider's Twilio account ('PN' and 32 lowercase hexadecimal characters); a SID given twice counts once.")]
    public IReadOnlyList<string>? PhoneNumberSids { get; init; }

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Properties?.TryGetValue("phoneNumberSids", out var sids) == true && sids is OpenApiSchema { Items: OpenApiSchema items })
        {
            items.Pattern = "^PN[0-9a-f]{32}$";
        }

        schema.Examples =
        [
            new JsonObject { ["phoneNumberSids"] = new JsonArray("PN0123456789abcdef0123456789abcdef", "PNfedcba9876543210fedcba9876543210") },
        ];
    }
}
