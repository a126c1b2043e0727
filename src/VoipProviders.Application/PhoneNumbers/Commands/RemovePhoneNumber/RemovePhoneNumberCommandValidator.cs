using FluentValidation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;

public sealed class RemovePhoneNumberCommandValidator : AbstractValidator<RemovePhoneNumberCommand>
{
    public RemovePhoneNumberCommandValidator()
    {
        RuleFor(c => c.OrganizationId).OrganizationId();
        RuleFor(c => c.ProviderId).ProviderId().OverridePropertyName("id");
        RuleFor(c => c.PhoneNumberId).PhoneNumberId();
    }
}
