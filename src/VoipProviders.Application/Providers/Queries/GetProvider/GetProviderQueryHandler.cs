using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

public sealed class GetProviderQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<GetProviderQuery, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(GetProviderQuery query, CancellationToken cancellationToken)
    {
        var provider = await dbContext.TwilioProviders
                .AsNoTracking()
                .Where(p => p.Id == query.ProviderId && p.OrganizationId == query.OrganizationId)
                .ProjectToType<TwilioProviderResponse>(mappings)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Provider", query.ProviderId);
        return provider with { PhoneNumberCount = await dbContext.OfProviderAsync(provider.Id, cancellationToken) };
    }
}
