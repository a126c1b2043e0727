using FluentValidation;

namespace VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;

public sealed class RemovePhoneNumberCommandValidator : AbstractValidator<RemovePhoneNumberCommand>
{
    public RemovePhoneNumberCommandValidator()
    {
        RuleFor(c => c.PhoneNumberId).PhoneNumberId();
    }
}
