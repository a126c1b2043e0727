using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;

public sealed class ListProviderPhoneNumbersQueryHandler(IPhoneNumberTrunks trunks, IPhoneNumberReadModel phoneNumbers)
    : IQueryHandler<ListProviderPhoneNumbersQuery, PagedResponse<PhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<PhoneNumberResponse>> Handle(ListProviderPhoneNumbersQuery query, CancellationToken cancellationToken)
    {
        if (!await trunks.ExistsAsync(query.OrganizationId, query.ProviderId, cancellationToken))
        {
            throw new NotFoundException("Twilio provider", query.ProviderId.Value);
        }

        return await phoneNumbers.PageAsync(query.OrganizationId, query.ProviderId, null, query.Skip, query.Take, cancellationToken);
    }
}
