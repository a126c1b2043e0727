using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

public sealed class ListProvidersQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<ListProvidersQuery, PagedResponse<ProviderResponse>>
{
    public async ValueTask<PagedResponse<ProviderResponse>> Handle(ListProvidersQuery query, CancellationToken cancellationToken)
    {
        // Twilio is the only provider type so far; another type adds its table to this list.
        if (query.ProviderType is not null && ProviderFilters.TryParseProviderType(query.ProviderType, out var type) && type != ProviderType.Twilio)
        {
            return new PagedResponse<ProviderResponse>([], 0, query.Skip, query.Take);
        }

        var providers = dbContext.TwilioProviders.AsNoTracking().Where(p => p.OrganizationId == query.OrganizationId);
        if (query.VerificationStatus is not null && ProviderFilters.TryParseVerificationStatus(query.VerificationStatus, out var status))
        {
            providers = providers.Where(p => p.VerificationStatus == status);
        }

        var page = await providers.ToPageAsync<TwilioProvider, TwilioProviderResponse>(
            rows => rows.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id), mappings, query.Skip, query.Take, cancellationToken);
        var counts = await dbContext.OfProvidersAsync([.. page.Items.Select(i => i.Id)], cancellationToken);
        return new PagedResponse<ProviderResponse>(
            [.. page.Items.Select(i => i with { PhoneNumberCount = counts.GetValueOrDefault(i.Id) })],
            page.TotalCount,
            page.Skip,
            page.Take);
    }
}
