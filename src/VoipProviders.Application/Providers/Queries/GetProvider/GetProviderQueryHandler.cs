using Mediator;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

public sealed class GetProviderQueryHandler(IEnumerable<IProviderReadModel> types) : IQueryHandler<GetProviderQuery, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(GetProviderQuery query, CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            if (await type.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken) is { } provider)
            {
                return provider;
            }
        }

        throw new NotFoundException("Provider", query.ProviderId.Value);
    }
}
