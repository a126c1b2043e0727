using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

public sealed class GetProviderQueryHandler(ITwilioProviderReadModel providers) : IQueryHandler<GetProviderQuery, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(GetProviderQuery query, CancellationToken cancellationToken) =>
        await providers.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken)
        ?? throw new NotFoundException("Provider", query.ProviderId);
}
