using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>What an import did, number by number: it carries on past failures.</summary>
public sealed record ImportPhoneNumbersResponse(
    int SuccessCount,
    int FailedCount,
    IReadOnlyList<ImportedNumberResponse> Imported,
    IReadOnlyList<ImportErrorResponse> Errors) : IHasExample
{
    public static JsonNode Example => new JsonObject
    {
        ["successCount"] = 1,
        ["failedCount"] = 1,
        ["imported"] = new JsonArray(new JsonObject
        {
            ["id"] = "0193a1b2-9a1b-7c2d-8e3f-4a5b6c7d8e9f",
            ["phoneNumberSid"] = "PN0123456789abcdef0123456789abcdef",
            ["phoneNumber"] = "+14155550100",
        }),
        ["errors"] = new JsonArray(new JsonObject
        {
            ["phoneNumberSid"] = "PNfedcba9876543210fedcba9876543210",
            ["code"] = ImportErrorCodes.NotFound,
            ["errorMessage"] = "The Twilio account has no such number.",
        }),
    };
}
