using Mapster;
using Mediator;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListPhoneNumbers;

public sealed class ListPhoneNumbersQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<ListPhoneNumbersQuery, PagedResponse<PhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<PhoneNumberResponse>> Handle(ListPhoneNumbersQuery query, CancellationToken cancellationToken) =>
        await dbContext.PageAsync(
            mappings, query.OrganizationId, query.ProviderId, query.PhoneNumber, query.Skip, query.Take, cancellationToken);
}
