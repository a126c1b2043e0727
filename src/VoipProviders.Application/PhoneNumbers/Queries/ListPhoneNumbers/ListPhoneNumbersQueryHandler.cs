using Mediator;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListPhoneNumbers;

public sealed class ListPhoneNumbersQueryHandler(IPhoneNumberReadModel phoneNumbers)
    : IQueryHandler<ListPhoneNumbersQuery, PagedResponse<PhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<PhoneNumberResponse>> Handle(ListPhoneNumbersQuery query, CancellationToken cancellationToken) =>
        await phoneNumbers.PageAsync(query.OrganizationId, query.ProviderId, query.PhoneNumber, query.Skip, query.Take, cancellationToken);
}
