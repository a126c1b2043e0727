using FluentValidation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Commands.VerifyProvider;

public sealed class VerifyProviderCommandValidator : AbstractValidator<VerifyProviderCommand>
{
    public VerifyProviderCommandValidator()
    {
        RuleFor(c => c.OrganizationId).OrganizationId();
        RuleFor(c => c.ProviderId).ProviderId().OverridePropertyName("id");
    }
}
