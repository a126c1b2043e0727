using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.AdvanceAuthTokenRotation;

public sealed class AdvanceAuthTokenRotationCommandValidator : AbstractValidator<AdvanceAuthTokenRotationCommand>
{
    public AdvanceAuthTokenRotationCommandValidator()
    {
        RuleFor(c => c.RotationId).NotEmpty().WithMessage("rotationId must be a non-empty UUID.");
    }
}
