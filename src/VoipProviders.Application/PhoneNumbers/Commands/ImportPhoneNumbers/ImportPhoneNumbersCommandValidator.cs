using FluentValidation;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;

public sealed class ImportPhoneNumbersCommandValidator : AbstractValidator<ImportPhoneNumbersCommand>
{
    public ImportPhoneNumbersCommandValidator()
    {
        RuleFor(c => c.PhoneNumberSids)
            .NotNull().WithMessage("phoneNumberSids is required.")
            .Must(sids => sids is { Count: >= 1 and <= ImportPhoneNumbersCommand.MaxPhoneNumbers })
            .WithMessage($"phoneNumberSids must hold 1 to {ImportPhoneNumbersCommand.MaxPhoneNumbers} SIDs.");
        RuleForEach(c => c.PhoneNumberSids)
            .Must(ImportedPhoneNumber.IsPhoneNumberSid)
            .WithMessage("Each phone number SID is 'PN' followed by 32 lowercase hexadecimal characters.")
            .When(c => c.PhoneNumberSids is { Count: <= ImportPhoneNumbersCommand.MaxPhoneNumbers });
    }
}
