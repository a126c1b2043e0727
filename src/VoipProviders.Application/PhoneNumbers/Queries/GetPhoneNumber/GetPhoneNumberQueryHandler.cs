using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed class GetPhoneNumberQueryHandler(IVoipProvidersDbContext dbContext, TypeAdapterConfig mappings)
    : IQueryHandler<GetPhoneNumberQuery, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(GetPhoneNumberQuery query, CancellationToken cancellationToken) =>
        await dbContext.ImportedPhoneNumbers
            .AsNoTracking()
            .Where(n => n.Id == query.PhoneNumberId && n.OrganizationId == query.OrganizationId)
            .ProjectToType<PhoneNumberResponse>(mappings)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Phone number", query.PhoneNumberId);
}
