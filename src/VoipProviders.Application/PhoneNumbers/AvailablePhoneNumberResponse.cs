using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>A number of the tenant's Twilio account, and whether this provider imported it already.</summary>
public sealed record AvailablePhoneNumberResponse : IHasExample
{
    public required string PhoneNumberSid { get; init; }

    public required string PhoneNumber { get; init; }

    public required string FriendlyName { get; init; }

    public required PhoneNumberCapabilities Capabilities { get; init; }

    /// <summary>The trunk the number is attached to in Twilio, if any (this provider's or another).</summary>
    public string? TrunkSid { get; init; }

    public required bool Imported { get; init; }

    public Guid? ImportedPhoneNumberId { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["phoneNumberSid"] = "PN0123456789abcdef0123456789abcdef",
        ["phoneNumber"] = "+14155550100",
        ["friendlyName"] = "(415) 555-0100",
        ["capabilities"] = new JsonObject { ["voice"] = true, ["sms"] = true, ["mms"] = false },
        ["trunkSid"] = null,
        ["imported"] = false,
        ["importedPhoneNumberId"] = null,
    };
}
