using Mediator;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.StartAuthTokenRotation;

/// <summary>
/// Starts a managed rotation of the provider's Auth Token: the module creates Twilio's secondary token, validates it,
/// waits <see cref="PropagationDelaySeconds"/> and promotes it, which ends the old token for everything the tenant
/// runs on it — hence <see cref="AcknowledgeOtherSystemsLoseAccess"/> must be true. The steps run in the background;
/// the answer is the rotation as started.
/// </summary>
public sealed record StartAuthTokenRotationCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    int? PropagationDelaySeconds,
    bool? AcknowledgeOtherSystemsLoseAccess) : ICommand<AuthTokenRotationResponse>;
