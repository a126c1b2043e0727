using FluentValidation;
using VoipProviders.Application.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

public sealed class CreateTwilioProviderCommandValidator : AbstractValidator<CreateTwilioProviderCommand>
{
    public CreateTwilioProviderCommandValidator()
    {
        RuleFor(c => c.AccountSid).NotNull().WithMessage("accountSid is required.");
        RuleFor(c => c.AuthToken).AuthToken();
        RuleFor(c => c.Name!).Name().When(c => c.Name is not null);
        RuleFor(c => c.Region!).Region().When(c => c.Region is not null);
    }
}
