using FluentValidation;
using VoipProviders.Application.Providers;


namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;

public sealed class UpdateTwilioProviderCommandValidator : AbstractValidator<UpdateTwilioProviderCommand>
{
    public UpdateTwilioProviderCommandValidator()
    {
        RuleFor(c => c.Name!).Name().When(c => c.Name is not null);
        RuleFor(c => c.Region!).Region().When(c => c.Region is not null);
        RuleFor(c => c.AutoRepair).Must(AutoRepairModes.IsValid).When(c => c.AutoRepair is not null)
            .WithMessage($"autoRepair must be one of: {AutoRepairModes.Allowed}.");
        RuleFor(c => c)
            .Must(c => !c.ChangesNothing)
            .WithMessage($"Send at least one of: {UpdateTwilioProviderCommand.UpdatableFields}.")
            .OverridePropertyName("body");
    }
}
