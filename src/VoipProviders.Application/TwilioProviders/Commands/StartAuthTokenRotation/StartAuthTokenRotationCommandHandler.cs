using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Commands.StartAuthTokenRotation;

public sealed class StartAuthTokenRotationCommandHandler(
    ITwilioProviderRepository providers,
    AuthTokenRotationLifecycle lifecycle,
    TypeAdapterConfig mappings) : ICommandHandler<StartAuthTokenRotationCommand, AuthTokenRotationResponse>
{
    public async ValueTask<AuthTokenRotationResponse> Handle(StartAuthTokenRotationCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        var rotation = lifecycle.Start(
            provider,
            AuthTokenRotationTrigger.OnDemand,
            command.PropagationDelaySeconds ?? AuthTokenRotation.DefaultPropagationDelaySeconds);
        return rotation.Adapt<AuthTokenRotationResponse>(mappings);
    }
}
