using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.StartScheduledAuthTokenRotation;

public sealed class StartScheduledAuthTokenRotationCommandValidator : AbstractValidator<StartScheduledAuthTokenRotationCommand>
{
    public StartScheduledAuthTokenRotationCommandValidator()
    {
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
        RuleFor(c => c.StartAfter).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("startAfter must not be negative.");
    }
}
