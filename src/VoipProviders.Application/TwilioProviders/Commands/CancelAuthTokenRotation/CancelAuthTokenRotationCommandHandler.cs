using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Commands.CancelAuthTokenRotation;

public sealed class CancelAuthTokenRotationCommandHandler(
    IAuthTokenRotations rotations,
    ITwilioProviderRepository providers,
    AuthTokenRotationLifecycle lifecycle,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<CancelAuthTokenRotationCommand, AuthTokenRotationResponse>
{
    public async ValueTask<AuthTokenRotationResponse> Handle(CancelAuthTokenRotationCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        var rotation = await rotations.FindAsync(command.OrganizationId, command.ProviderId, command.RotationId, cancellationToken)
            ?? throw new NotFoundException("Auth Token rotation", command.RotationId);
        switch (rotation.Status)
        {
            case AuthTokenRotationStatus.Cancelled:
                return rotation.Adapt<AuthTokenRotationResponse>(mappings);
            case AuthTokenRotationStatus.Completed or AuthTokenRotationStatus.Failed:
                throw AuthTokenRotationConflicts.Ended(AuthTokenRotationWords.Of(rotation.Status));
        }

        var step = rotation.Step;
        var now = timeProvider.GetUtcNow();
        if (!rotation.Cancel(now))
        {
            throw AuthTokenRotationConflicts.PromotionStarted();
        }

        // Both rows are written with their versions checked: a step that moved on meanwhile (say, to the promotion) makes
        // this commit fail with 409 concurrent_update, and the caller reads the rotation again.
        lifecycle.Stopped(rotation, provider, step, AuditActions.AuthTokenRotationCancelled, now);
        return rotation.Adapt<AuthTokenRotationResponse>(mappings);
    }
}
