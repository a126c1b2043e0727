using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.CancelAuthTokenRotation;

public sealed class CancelAuthTokenRotationCommandValidator : AbstractValidator<CancelAuthTokenRotationCommand>
{
    public CancelAuthTokenRotationCommandValidator()
    {
        RuleFor(c => c.RotationId).NotEmpty().WithMessage("rotationId must be a non-empty UUID.");
    }
}
