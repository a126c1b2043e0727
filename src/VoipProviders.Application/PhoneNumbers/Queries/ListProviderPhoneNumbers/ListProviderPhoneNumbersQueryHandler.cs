using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;

public sealed class ListProviderPhoneNumbersQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<ListProviderPhoneNumbersQuery, PagedResponse<PhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<PhoneNumberResponse>> Handle(ListProviderPhoneNumbersQuery query, CancellationToken cancellationToken)
    {
        if (!await dbContext.TwilioProviders.AnyAsync(p => p.Id == query.ProviderId && p.OrganizationId == query.OrganizationId, cancellationToken))
        {
            throw new NotFoundException("Twilio provider", query.ProviderId);
        }

        return await dbContext.PageAsync(mappings, query.OrganizationId, query.ProviderId, null, query.Skip, query.Take, cancellationToken);
    }
}
