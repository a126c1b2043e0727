using Mediator;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.CancelAuthTokenRotation;

/// <summary>
/// Cancels a rotation before its promotion: the provider keeps its token, and the secondary the rotation created is
/// deleted by a durable job. Cancelling a cancelled rotation answers it again; after the promotion was asked for, or once
/// it ended otherwise, it is a conflict.
/// </summary>
public sealed record CancelAuthTokenRotationCommand(OrganizationId OrganizationId, ProviderId ProviderId, Guid RotationId)
    : ICommand<AuthTokenRotationResponse>;
