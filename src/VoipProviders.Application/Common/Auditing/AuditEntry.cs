using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Auditing;

/// <summary>
/// What an audit record says about one change. <see cref="Details"/> holds non-secret values only (names, SIDs, old and
/// new settings, token fingerprints); it is stored as JSON with camelCase keys.
/// </summary>
public sealed record AuditEntry(
    OrganizationId OrganizationId,
    Guid? ProviderId,
    string Action,
    AuditOutcome Outcome,
    IReadOnlyDictionary<string, object?> Details);
