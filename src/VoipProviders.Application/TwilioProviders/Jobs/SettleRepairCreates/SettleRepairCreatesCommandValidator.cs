using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.SettleRepairCreates;

public sealed class SettleRepairCreatesCommandValidator : AbstractValidator<SettleRepairCreatesCommand>
{
    public SettleRepairCreatesCommandValidator()
    {
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
    }
}
