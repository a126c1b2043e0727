using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.RepairProvider;

public sealed class RepairProviderCommandValidator : AbstractValidator<RepairProviderCommand>
{
    public RepairProviderCommandValidator()
    {
        RuleFor(c => c.PlanId).NotEqual(Guid.Empty).When(c => c.PlanId is not null).OverridePropertyName("planId")
            .WithMessage("planId must be a non-empty UUID (from POST …/repair?dryRun=true).");
    }
}
