using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpAuthTokenRotation;

public sealed class CleanUpAuthTokenRotationCommandValidator : AbstractValidator<CleanUpAuthTokenRotationCommand>
{
    public CleanUpAuthTokenRotationCommandValidator()
    {
        RuleFor(c => c.RotationId).NotEmpty().WithMessage("rotationId must be a non-empty UUID.");
    }
}
