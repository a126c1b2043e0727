using FluentValidation;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

public sealed class CreateTwilioProviderCommandValidator : AbstractValidator<CreateTwilioProviderCommand>
{
    public CreateTwilioProviderCommandValidator()
    {
        RuleFor(c => c.OrganizationId).OrganizationId();
        RuleFor(c => c.AccountSid).AccountSid();
        RuleFor(c => c.AuthToken).AuthToken();

        RuleFor(c => c.Name!)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("name must not be blank when given.")
            .MaximumLength(TwilioProvider.MaxNameLength).WithMessage($"name must be at most {TwilioProvider.MaxNameLength} characters.")
            .When(c => c.Name is not null);

        RuleFor(c => c.Region!)
            .Must(region => TwilioRegion.TryFromCode(region, out _))
            .WithMessage($"region must be one of: {string.Join(", ", TwilioRegion.Codes)}.")
            .When(c => c.Region is not null);
    }
}
