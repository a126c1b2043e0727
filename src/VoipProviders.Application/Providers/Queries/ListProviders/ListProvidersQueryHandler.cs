using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

public sealed class ListProvidersQueryHandler(ITwilioProviderReadModel twilioProviders)
    : IQueryHandler<ListProvidersQuery, PagedResponse<ProviderResponse>>
{
    public async ValueTask<PagedResponse<ProviderResponse>> Handle(ListProvidersQuery query, CancellationToken cancellationToken)
    {
        // Twilio is the only provider type so far; another type adds its read model to this list.
        if (query.ProviderType is not null && ProviderFilters.TryParseProviderType(query.ProviderType, out var type) && type != ProviderType.Twilio)
        {
            return new PagedResponse<ProviderResponse>([], 0, query.Skip, query.Take);
        }

        VerificationStatus? status = query.VerificationStatus is not null && ProviderFilters.TryParseVerificationStatus(query.VerificationStatus, out var parsed)
            ? parsed
            : null;
        var page = await twilioProviders.ListAsync(query.OrganizationId, status, query.Skip, query.Take, cancellationToken);
        return new PagedResponse<ProviderResponse>(page.Items, page.TotalCount, page.Skip, page.Take);
    }
}
