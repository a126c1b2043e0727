using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Auditing.Queries.ListProviderAuditEvents;

/// <summary>
/// One provider's audit records, newest first, with the filters of <see cref="ListAuditEvents.ListAuditEventsQuery"/>.
/// 404 unless the organization has the provider or a record names it: a deleted provider still answers its records.
/// </summary>
public sealed record ListProviderAuditEventsQuery(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    string? Action = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Skip = 0,
    int Take = PagingRules.DefaultTake) : IQuery<PagedResponse<AuditEventResponse>>;
