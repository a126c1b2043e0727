using System.Text.Json;
using System.Text.Json.Nodes;
using VoipProviders.Application.Common.Documentation;

namespace VoipProviders.Application.Auditing;

/// <summary>
/// One record of the audit trail: a committed change (<c>succeeded</c>) or a security-relevant refusal
/// (<c>rejected</c>), who made it and what it changed. <see cref="Details"/> holds non-secret values only; a token appears
/// as a 12-character fingerprint.
/// </summary>
public sealed record AuditEventResponse : IHasExample
{
    public required Guid Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string OrganizationId { get; init; }

    /// <summary>The provider the record is about (null for a refused connect, which made none).</summary>
    public required Guid? ProviderId { get; init; }

    /// <summary>What happened, dotted: <c>provider.auth_token.rotated</c>.</summary>
    public required string Action { get; init; }

    /// <summary><c>succeeded</c> or <c>rejected</c>.</summary>
    public required string Outcome { get; init; }

    public required AuditEventActorResponse Actor { get; init; }

    /// <summary>The trace id of the request or job, as its problems and logs quote it.</summary>
    public required string? TraceId { get; init; }

    /// <summary>What changed: the action's non-secret values (old and new settings, SIDs, fingerprints, a refusal's reason).</summary>
    public required JsonElement Details { get; init; }

    public static JsonNode Example => new JsonObject
    {
        ["id"] = "0193a1c4-5d6e-7f80-9a1b-2c3d4e5f6a7b",
        ["occurredAt"] = "2026-11-25T10:15:00.123456Z",
        ["organizationId"] = "org_acme",
        ["providerId"] = "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        ["action"] = "provider.auth_token.rotated",
        ["outcome"] = "succeeded",
        ["actor"] = new JsonObject { ["type"] = "user", ["id"] = "auth0|5f7c8ec7c33c6c004bbafe82", ["sourceAddress"] = "203.0.113.7" },
        ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
        ["details"] = new JsonObject
        {
            ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["previousAuthTokenFingerprint"] = "3f9a0c1d2e3f",
            ["authTokenFingerprint"] = "a5b6c7d8e9f0",
        },
    };
}
