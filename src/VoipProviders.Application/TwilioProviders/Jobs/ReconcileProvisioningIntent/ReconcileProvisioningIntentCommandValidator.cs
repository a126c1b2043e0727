using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;

public sealed class ReconcileProvisioningIntentCommandValidator : AbstractValidator<ReconcileProvisioningIntentCommand>
{
    public ReconcileProvisioningIntentCommandValidator() =>
        RuleFor(c => c.IntentId).NotEmpty().WithMessage("intentId must be a non-empty UUID.");
}
