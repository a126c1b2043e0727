using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.PhoneNumbers;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed class GetTwilioProviderQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<GetTwilioProviderQuery, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(GetTwilioProviderQuery query, CancellationToken cancellationToken)
    {
        var provider = await dbContext.TwilioProviders
                .AsNoTracking()
                .Where(p => p.Id == query.ProviderId && p.OrganizationId == query.OrganizationId)
                .ProjectToType<TwilioProviderResponse>(mappings)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId);
        return provider with { PhoneNumberCount = await dbContext.OfProviderAsync(provider.Id, cancellationToken) };
    }
}
