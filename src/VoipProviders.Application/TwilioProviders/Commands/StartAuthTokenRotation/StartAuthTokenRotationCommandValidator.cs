using FluentValidation;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Commands.StartAuthTokenRotation;

public sealed class StartAuthTokenRotationCommandValidator : AbstractValidator<StartAuthTokenRotationCommand>
{
    public StartAuthTokenRotationCommandValidator()
    {
        RuleFor(c => c.AcknowledgeOtherSystemsLoseAccess)
            .Equal(true)
            .WithMessage("acknowledgeOtherSystemsLoseAccess must be true: the promotion ends the current Auth Token at once for every other system that still uses it.");
        RuleFor(c => c.PropagationDelaySeconds)
            .InclusiveBetween(0, AuthTokenRotation.MaxPropagationDelaySeconds)
            .When(c => c.PropagationDelaySeconds is not null)
            .WithMessage($"propagationDelaySeconds must be between 0 and {AuthTokenRotation.MaxPropagationDelaySeconds}.");
    }
}
