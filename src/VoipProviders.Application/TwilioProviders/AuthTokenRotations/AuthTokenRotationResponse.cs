using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>A managed Auth Token rotation as callers see it. It never carries a token.</summary>
public sealed record AuthTokenRotationResponse : IHasExample
{
    public required Guid Id { get; init; }

    public required Guid ProviderId { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>creating_secondary</c>, <c>validating</c>, <c>waiting</c>, <c>promoting</c>, <c>verifying</c> or <c>done</c>; where a stopped rotation stopped.</summary>
    public required string Step { get; init; }

    /// <summary><c>on_demand</c> (a caller asked) or <c>scheduled</c> (the rotation policy).</summary>
    public required string Trigger { get; init; }

    public required int PropagationDelaySeconds { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the promotion is due; null until the secondary token has been validated.</summary>
    public DateTimeOffset? PromoteAfter { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why it failed; null unless <see cref="Status"/> is <c>failed</c>.</summary>
    public AuthTokenRotationFailureResponse? Failure { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["id"] = "0193a1b2-9a8b-7c6d-8e5f-4a3b2c1d0e9f",
        ["providerId"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        ["status"] = "running",
        ["step"] = "waiting",
        ["trigger"] = "on_demand",
        ["propagationDelaySeconds"] = 60,
        ["startedAt"] = "2026-12-06T10:00:00Z",
        ["promoteAfter"] = "2026-12-06T10:01:01Z",
        ["completedAt"] = null,
        ["failure"] = null,
    };
}
