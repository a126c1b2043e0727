using FluentValidation;
using VoipProviders.Application.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

public sealed class CreateTwilioProviderCommandValidator : AbstractValidator<CreateTwilioProviderCommand>
{
    public CreateTwilioProviderCommandValidator()
    {
        // Its shape is the type's; absent, it is named like every other missing field (in the words it always had).
        RuleFor(c => c.AccountSid)
            .NotNull().WithMessage("accountSid is required.")
            .NotNull().WithMessage("accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");
        RuleFor(c => c.AuthToken).AuthToken();
        RuleFor(c => c.Name!).Name().When(c => c.Name is not null);
        RuleFor(c => c.Region!).Region().When(c => c.Region is not null);
    }
}
