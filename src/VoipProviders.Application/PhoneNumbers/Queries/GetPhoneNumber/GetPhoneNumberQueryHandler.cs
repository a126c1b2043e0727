using Mediator;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed class GetPhoneNumberQueryHandler(IPhoneNumberReadModel phoneNumbers) : IQueryHandler<GetPhoneNumberQuery, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(GetPhoneNumberQuery query, CancellationToken cancellationToken) =>
        await phoneNumbers.FindAsync(query.OrganizationId, query.PhoneNumberId, cancellationToken)
        ?? throw new NotFoundException("Phone number", query.PhoneNumberId);
}
