using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

public sealed class ListProvidersQueryHandler(IEnumerable<IProviderReadModel> readModels, ProviderTypes types)
    : IQueryHandler<ListProvidersQuery, PagedResponse<ProviderResponse>>
{
    public async ValueTask<PagedResponse<ProviderResponse>> Handle(ListProvidersQuery query, CancellationToken cancellationToken)
    {
        VerificationStatus? status = query.VerificationStatus is not null && ProviderFilters.TryParseVerificationStatus(query.VerificationStatus, out var parsed)
            ? parsed
            : null;
        List<IProviderReadModel> listed = query.ProviderType is not null && types.TryParse(query.ProviderType, out var only)
            ? [.. readModels.Where(r => r.Type == only)]
            : [.. readModels];
        if (listed.Count == 1)
        {
            // One type (the usual case): its own page, one query.
            return await listed[0].ListAsync(query.OrganizationId, status, query.Skip, query.Take, cancellationToken);
        }

        // Several types: each one's newest skip + take rows, merged in the one order every list has.
        var window = (int)Math.Min((long)query.Skip + query.Take, int.MaxValue);
        var pages = new List<PagedResponse<ProviderResponse>>(listed.Count);
        foreach (var readModel in listed)
        {
            pages.Add(await readModel.ListAsync(query.OrganizationId, status, 0, window, cancellationToken));
        }

        var items = pages.SelectMany(page => page.Items)
            .OrderByDescending(provider => provider.CreatedAt)
            .ThenByDescending(provider => provider.Id)
            .Skip(query.Skip)
            .Take(query.Take)
            .ToList();
        return new PagedResponse<ProviderResponse>(items, pages.Sum(page => page.TotalCount), query.Skip, query.Take);
    }
}
