using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Queries.ListAuthTokenRotations;

/// <summary>The provider's rotations, newest first, paged like the other lists; 404 for another organization's provider.</summary>
public sealed record ListAuthTokenRotationsQuery(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    int Skip = 0,
    int Take = PagingRules.DefaultTake) : IQuery<PagedResponse<AuthTokenRotationResponse>>;
