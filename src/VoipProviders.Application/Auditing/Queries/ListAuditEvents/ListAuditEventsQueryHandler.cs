using Mediator;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.Auditing.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryHandler(IAuditEventReader reader)
    : IQueryHandler<ListAuditEventsQuery, PagedResponse<AuditEventResponse>>
{
    public async ValueTask<PagedResponse<AuditEventResponse>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken) =>
        await reader.ListAsync(
            new AuditEventFilter(query.OrganizationId, query.ProviderId, query.Action, query.Outcome, query.From, query.To),
            query.Skip,
            query.Take,
            cancellationToken);
}
