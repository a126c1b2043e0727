using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Queries.GetAuthTokenRotation;

public sealed class GetAuthTokenRotationQueryHandler(IAuthTokenRotations rotations, TypeAdapterConfig mappings)
    : IQueryHandler<GetAuthTokenRotationQuery, AuthTokenRotationResponse>
{
    public async ValueTask<AuthTokenRotationResponse> Handle(GetAuthTokenRotationQuery query, CancellationToken cancellationToken)
    {
        var rotation = await rotations.FindAsync(query.OrganizationId, query.ProviderId, query.RotationId, cancellationToken)
            ?? throw new NotFoundException("Auth Token rotation", query.RotationId);
        return rotation.Adapt<AuthTokenRotationResponse>(mappings);
    }
}
