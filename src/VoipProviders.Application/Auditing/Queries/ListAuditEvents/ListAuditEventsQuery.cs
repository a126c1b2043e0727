using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Auditing.Queries.ListAuditEvents;

/// <summary>
/// The organization's audit records, newest first (occurredAt, then id), one page at a time. The filters are optional:
/// one provider, one <see cref="Action"/> (<c>provider.connected</c>), one <see cref="Outcome"/> (<c>succeeded</c> or
/// <c>rejected</c>), and a window <see cref="From"/>..<see cref="To"/> (both inclusive).
/// </summary>
public sealed record ListAuditEventsQuery(
    OrganizationId OrganizationId,
    ProviderId? ProviderId = null,
    string? Action = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Skip = 0,
    int Take = PagingRules.DefaultTake) : IQuery<PagedResponse<AuditEventResponse>>;
