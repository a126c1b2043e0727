using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed class GetTwilioProviderQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<GetTwilioProviderQuery, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(GetTwilioProviderQuery query, CancellationToken cancellationToken) =>
        await dbContext.FindTwilioProviderResponseAsync(mappings, query.OrganizationId, query.ProviderId, cancellationToken)
        ?? throw new NotFoundException("Twilio provider", query.ProviderId);
}
