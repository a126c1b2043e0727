using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;
using VoipProviders.Application.Providers;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// A repair plan (dry run), or a plan applied with each action's outcome and the verification that followed.
/// </summary>
public sealed record ProviderRepairResponse : IHasExample
{
    /// <summary>Names the plan: POST …/repair with this planId applies exactly it, or answers 409 when anything changed since.</summary>
    public required Guid PlanId { get; init; }

    /// <summary>The provider version (its ETag) the plan was made for.</summary>
    public required long BasedOnVersion { get; init; }

    /// <summary>True when nothing was applied (?dryRun=true).</summary>
    public required bool DryRun { get; init; }

    /// <summary>The plan's actions in the order they are applied; empty when nothing drifted.</summary>
    public required IReadOnlyList<RepairActionResponse> Actions { get; init; }

    /// <summary>What became of each action; null in a dry run.</summary>
    public IReadOnlyList<RepairActionResultResponse>? Results { get; init; }

    /// <summary>The verification run after the repair; null in a dry run, or when it was inconclusive (see verificationError).</summary>
    public ProviderVerificationResponse? Verification { get; init; }

    /// <summary>Why the verification after the repair has no result (Twilio unavailable); null otherwise.</summary>
    public string? VerificationError { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["planId"] = "5d0c1f3e-8a2b-8c4d-9e6f-0a1b2c3d4e5f",
        ["basedOnVersion"] = 4,
        ["dryRun"] = true,
        ["actions"] = new JsonArray(
            new JsonObject
            {
                ["action"] = "associate_credential_list",
                ["target"] = "CL0123456789abcdef0123456789abcdef",
                ["reason"] = "The credential list is no longer associated with the trunk: it is associated again.",
                ["disruptive"] = false,
            },
            new JsonObject
            {
                ["action"] = "reattach_phone_number",
                ["target"] = "PN0123456789abcdef0123456789abcdef",
                ["reason"] = "+14155550100 is on no trunk any more: it is attached to the trunk again.",
                ["disruptive"] = false,
            },
            new JsonObject
            {
                ["action"] = "manual",
                ["target"] = "PNfedcba9876543210fedcba9876543210",
                ["reason"] = "+14155550101 was moved to another trunk (TKfedcba9876543210fedcba9876543210) in the Twilio account. The module never takes a number from another trunk: move it back in the Console, or remove it from the provider.",
                ["disruptive"] = false,
            }),
        ["results"] = null,
        ["verification"] = null,
        ["verificationError"] = null,
    };
}
