using FluentValidation;

namespace VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;

public sealed class ReconcilePhoneNumberImportCommandValidator : AbstractValidator<ReconcilePhoneNumberImportCommand>
{
    public ReconcilePhoneNumberImportCommandValidator() =>
        RuleFor(c => c.ImportId).NotEmpty().WithMessage("importId must be a non-empty UUID.");
}
