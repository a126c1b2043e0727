using FluentValidation;

namespace VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;

public sealed class VerifyProviderAfterChangeCommandValidator : AbstractValidator<VerifyProviderAfterChangeCommand>
{
    public VerifyProviderAfterChangeCommandValidator()
    {
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
        RuleFor(c => c.Version).GreaterThan(0).WithMessage("version must be 1 or more.");
    }
}
