using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;

public sealed class AlignTrunkOriginationCommandValidator : AbstractValidator<AlignTrunkOriginationCommand>
{
    public AlignTrunkOriginationCommandValidator() =>
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
}
