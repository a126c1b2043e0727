using Mediator;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Queries.GetAuthTokenRotation;

/// <summary>One rotation of the organization's provider; 404 for another organization's provider or rotation.</summary>
public sealed record GetAuthTokenRotationQuery(OrganizationId OrganizationId, ProviderId ProviderId, Guid RotationId)
    : IQuery<AuthTokenRotationResponse>;
