using FluentValidation;

namespace VoipProviders.Application.Providers.Commands.UpdateProviderSettings;

public sealed class UpdateProviderSettingsCommandValidator : AbstractValidator<UpdateProviderSettingsCommand>
{
    public UpdateProviderSettingsCommandValidator()
    {
        RuleFor(c => c.DefaultAutoRepair).Must(AutoRepairModes.IsValid)
            .WithMessage($"defaultAutoRepair is required and must be one of: {AutoRepairModes.Allowed}.");
    }
}
