using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;

public sealed class RetryAbandonedCleanupCommandValidator : AbstractValidator<RetryAbandonedCleanupCommand>
{
    public RetryAbandonedCleanupCommandValidator() =>
        RuleFor(c => c.CleanupId).NotEmpty().OverridePropertyName("id").WithMessage("id must be a non-empty UUID.");
}
