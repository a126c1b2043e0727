using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>The outcome of a verification run: the provider's status and each check's result.</summary>
public sealed record ProviderVerificationResponse : IHasExample
{
    public required VerificationStatus Status { get; init; }

    public required IReadOnlyList<VerificationCheckResponse> Checks { get; init; }

    public required DateTimeOffset? LastVerifiedAt { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["status"] = "warning",
        ["checks"] = new JsonArray
        {
            CheckExample("Credentials", "passed", "Twilio accepted the credentials; the account is active and may use Elastic SIP Trunking.", new JsonObject { ["accountSid"] = "AC0123456789abcdef0123456789abcdef", ["accountStatus"] = "active" }),
            CheckExample("Trunk", "passed", "The trunk exists and is configured as expected.", new JsonObject { ["trunkSid"] = "TK0123456789abcdef0123456789abcdef", ["domainName"] = "vp-3f9a0c1d2e3f4a5b.pstn.twilio.com", ["transferMode"] = "disable-all" }),
            CheckExample("Credential List", "passed", "The credential list exists, is associated with the trunk and holds the SIP credential.", new JsonObject { ["credentialListSid"] = "CL0123456789abcdef0123456789abcdef", ["trunkSid"] = "TK0123456789abcdef0123456789abcdef", ["credentialListExists"] = true, ["associatedWithTrunk"] = true, ["sipCredentialPresent"] = true }),
            CheckExample("Phone Numbers", "warning", "1 of 3 imported numbers no longer route over the trunk: calls to them will not reach it.", new JsonObject { ["importedCount"] = 3, ["releasedPhoneNumberSids"] = new JsonArray("PN0123456789abcdef0123456789abcdef"), ["detachedPhoneNumberSids"] = new JsonArray(), ["movedPhoneNumberSids"] = new JsonArray() }),
        },
        ["lastVerifiedAt"] = "2026-11-25T10:00:00.123456Z",
    };

    private static JsonObject CheckExample(string name, string status, string message, JsonObject details) => new()
    {
        ["checkName"] = name,
        ["status"] = status,
        ["message"] = message,
        ["timestamp"] = "2026-11-25T10:00:00.123456Z",
        ["details"] = details,
    };
}
