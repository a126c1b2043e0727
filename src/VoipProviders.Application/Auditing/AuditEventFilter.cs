using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Auditing;

/// <summary>Which of the organization's audit records a list shows; every filter but the organization is optional.</summary>
public sealed record AuditEventFilter(
    OrganizationId OrganizationId,
    ProviderId? ProviderId = null,
    string? Action = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
