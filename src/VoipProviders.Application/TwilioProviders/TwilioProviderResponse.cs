using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>A connected Twilio provider as callers see it. It never carries the Auth Token or the SIP password.</summary>
public sealed record TwilioProviderResponse : ProviderResponse, IHasExample
{
    [JsonPropertyOrder(-8)]
    public override ProviderType ProviderType => TwilioProviderKind.Type;

    public required string AccountSid { get; init; }

    public required string TrunkSid { get; init; }

    public required string TerminationUri { get; init; }

    public required string Region { get; init; }

    public required bool SupportsCallTransfer { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["id"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        ["name"] = "Production Twilio",
        ["providerType"] = "twilio",
        ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["trunkSid"] = "TK0123456789abcdef0123456789abcdef",
        ["terminationUri"] = "sip:vp-3f9a0c1d2e3f4a5b.pstn.dublin.twilio.com",
        ["region"] = "ie1",
        ["supportsCallTransfer"] = false,
        ["verificationStatus"] = "pending",
        ["lastVerifiedAt"] = null,
        ["phoneNumberCount"] = 0,
        ["verificationDetails"] = null,
        ["createdAt"] = "2026-11-25T09:30:00Z",
        ["updatedAt"] = "2026-11-25T09:30:00Z",
    };
}
