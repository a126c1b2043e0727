using FluentValidation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

public sealed class DeleteProviderCommandValidator : AbstractValidator<DeleteProviderCommand>
{
    public DeleteProviderCommandValidator()
    {
        RuleFor(c => c.OrganizationId).OrganizationId();
        RuleFor(c => c.ProviderId).ProviderId().OverridePropertyName("id");
    }
}
