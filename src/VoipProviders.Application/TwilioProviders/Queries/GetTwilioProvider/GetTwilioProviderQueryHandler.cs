using Mediator;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed class GetTwilioProviderQueryHandler(ITwilioProviderReadModel providers) : IQueryHandler<GetTwilioProviderQuery, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(GetTwilioProviderQuery query, CancellationToken cancellationToken) =>
        await providers.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken)
        ?? throw new NotFoundException("Twilio provider", query.ProviderId.Value);
}
