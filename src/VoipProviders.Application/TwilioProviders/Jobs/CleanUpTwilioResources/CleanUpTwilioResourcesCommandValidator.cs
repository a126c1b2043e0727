using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

public sealed class CleanUpTwilioResourcesCommandValidator : AbstractValidator<CleanUpTwilioResourcesCommand>
{
    public CleanUpTwilioResourcesCommandValidator() =>
        RuleFor(c => c.CleanupId).NotEmpty().WithMessage("cleanupId must be a non-empty UUID.");
}
