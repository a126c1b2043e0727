using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

public sealed class GetProviderQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<GetProviderQuery, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(GetProviderQuery query, CancellationToken cancellationToken) =>
        await dbContext.FindTwilioProviderResponseAsync(mappings, query.OrganizationId, query.ProviderId, cancellationToken)
        ?? throw new NotFoundException("Provider", query.ProviderId);
}
