using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.RepairProviderAutomatically;

public sealed class RepairProviderAutomaticallyCommandValidator : AbstractValidator<RepairProviderAutomaticallyCommand>
{
    public RepairProviderAutomaticallyCommandValidator()
    {
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
        RuleFor(c => c.VerifiedVersion).GreaterThan(0).WithMessage("verifiedVersion must be positive.");
    }
}
