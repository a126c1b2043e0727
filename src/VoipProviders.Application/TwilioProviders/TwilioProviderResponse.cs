using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// A connected Twilio provider as callers see it. It never carries the Auth Token or the SIP password (the platform's
/// SIP service reads the dial-out route through the internal API instead).
/// </summary>
public sealed record TwilioProviderResponse : ProviderResponse, IHasExample
{
    [JsonPropertyOrder(-8)]
    public override ProviderType ProviderType => TwilioProviderKind.Type;

    public required string AccountSid { get; init; }

    public required string TrunkSid { get; init; }

    public required string TerminationUri { get; init; }

    public required string Region { get; init; }

    public required bool SupportsCallTransfer { get; init; }

    /// <summary>TLS signalling and SRTP media on the trunk; the termination and origination URIs use TLS when on.</summary>
    public required bool SecureTrunking { get; init; }

    /// <summary>Names this provider to the platform's SIP ingress: the origination URLs carry it.</summary>
    public required string InboundRoutingKey { get; init; }

    /// <summary>Where Twilio sends the calls to the provider's numbers: the origination URLs the module created on the trunk.</summary>
    public required IReadOnlyList<OriginationUriResponse> OriginationUris { get; init; }

    /// <summary>Counts the SIP credentials the trunk has had: 1 after connect, one more per rotation.</summary>
    public required int SipCredentialVersion { get; init; }

    public required DateTimeOffset SipCredentialUpdatedAt { get; init; }

    /// <summary>Whether (and how often) the module rotates the Auth Token by itself, and when it next does.</summary>
    public required AuthTokenRotationPolicyResponse AuthTokenRotationPolicy { get; init; }

    /// <summary>The managed Auth Token rotation running now (GET …/auth-token/rotations/{id}); null when none runs.</summary>
    public Guid? ActiveAuthTokenRotationId { get; init; }

    /// <summary>
    /// Which repairs the module applies by itself when a scheduled or after-change verification finds drift: off, safe
    /// (all but recreating a deleted trunk) or all.
    /// </summary>
    public required AutoRepairMode AutoRepair { get; init; }

    /// <summary>Set when the day's automatic repairs were spent: none runs before this time (a past time means it runs again).</summary>
    public DateTimeOffset? AutoRepairPausedUntil { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["id"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        ["name"] = "Production Twilio",
        ["providerType"] = "twilio",
        ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["trunkSid"] = "TK0123456789abcdef0123456789abcdef",
        ["terminationUri"] = "sip:vp-3f9a0c1d2e3f4a5b.pstn.dublin.twilio.com:5061;transport=tls",
        ["region"] = "ie1",
        ["supportsCallTransfer"] = false,
        ["secureTrunking"] = true,
        ["inboundRoutingKey"] = "k3x9q2m7v8b4n1c6z5l0p2r8",
        ["originationUris"] = new JsonArray(new JsonObject
        {
            ["sid"] = "OU0123456789abcdef0123456789abcdef",
            ["sipUrl"] = "sip:k3x9q2m7v8b4n1c6z5l0p2r8.in1.voice.example.com:5061;transport=tls",
            ["priority"] = 10,
            ["weight"] = 10,
            ["enabled"] = true,
        }),
        ["sipCredentialVersion"] = 1,
        ["sipCredentialUpdatedAt"] = "2026-11-25T09:30:00Z",
        ["authTokenRotationPolicy"] = new JsonObject
        {
            ["enabled"] = true,
            ["intervalDays"] = 90,
            ["propagationDelaySeconds"] = 60,
            ["nextRotationAt"] = "2027-02-23T09:30:00Z",
        },
        ["activeAuthTokenRotationId"] = null,
        ["autoRepair"] = "safe",
        ["autoRepairPausedUntil"] = null,
        ["verificationStatus"] = "pending",
        ["lastVerifiedAt"] = null,
        ["phoneNumberCount"] = 0,
        ["verificationDetails"] = null,
        ["createdAt"] = "2026-11-25T09:30:00Z",
        ["updatedAt"] = "2026-11-25T09:30:00Z",
    };
}
