using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.Auditing.Queries.ListProviderAuditEvents;

public sealed class ListProviderAuditEventsQueryHandler(IAuditEventReader reader, IAuditedProviders providers)
    : IQueryHandler<ListProviderAuditEventsQuery, PagedResponse<AuditEventResponse>>
{
    public async ValueTask<PagedResponse<AuditEventResponse>> Handle(ListProviderAuditEventsQuery query, CancellationToken cancellationToken)
    {
        // Records outlive the provider: one that is gone still answers the records its organization has of it.
        if (!await reader.NamesProviderAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            && !await providers.ExistsAsync(query.OrganizationId, query.ProviderId, cancellationToken))
        {
            throw new NotFoundException("Provider", query.ProviderId.Value);
        }

        return await reader.ListAsync(
            new AuditEventFilter(query.OrganizationId, query.ProviderId, query.Action, query.Outcome, query.From, query.To),
            query.Skip,
            query.Take,
            cancellationToken);
    }
}
