using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>A number a provider of the organization imported.</summary>
public sealed record PhoneNumberResponse : IHasExample
{
    public required Guid Id { get; init; }

    public required Guid ProviderId { get; init; }

    public ProviderType ProviderType { get; init; } = TwilioProviderKind.Type;

    public required string PhoneNumberSid { get; init; }

    public required string PhoneNumber { get; init; }

    public required string FriendlyName { get; init; }

    public required PhoneNumberCapabilities Capabilities { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["id"] = "0193a1b2-9a1b-7c2d-8e3f-4a5b6c7d8e9f",
        ["providerId"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        ["providerType"] = "twilio",
        ["phoneNumberSid"] = "PN0123456789abcdef0123456789abcdef",
        ["phoneNumber"] = "+14155550100",
        ["friendlyName"] = "(415) 555-0100",
        ["capabilities"] = new JsonObject { ["voice"] = true, ["sms"] = true, ["mms"] = false },
        ["createdAt"] = "2026-11-25T09:31:00Z",
    };
}
