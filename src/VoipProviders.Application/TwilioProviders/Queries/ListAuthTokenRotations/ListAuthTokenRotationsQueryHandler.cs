using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Queries.ListAuthTokenRotations;

public sealed class ListAuthTokenRotationsQueryHandler(
    ITwilioProviderRepository providers,
    IAuthTokenRotations rotations,
    TypeAdapterConfig mappings) : IQueryHandler<ListAuthTokenRotationsQuery, PagedResponse<AuthTokenRotationResponse>>
{
    public async ValueTask<PagedResponse<AuthTokenRotationResponse>> Handle(ListAuthTokenRotationsQuery query, CancellationToken cancellationToken)
    {
        _ = await providers.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId.Value);
        var (items, total) = await rotations.PageAsync(query.OrganizationId, query.ProviderId, query.Skip, query.Take, cancellationToken);
        return new PagedResponse<AuthTokenRotationResponse>(
            [.. items.Select(rotation => rotation.Adapt<AuthTokenRotationResponse>(mappings))],
            total,
            query.Skip,
            query.Take);
    }
}
