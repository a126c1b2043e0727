using FluentValidation;

namespace VoipProviders.Application.Common.Events.Operations;

public sealed class RetryParkedDeliveriesCommandValidator : AbstractValidator<RetryParkedDeliveriesCommand>
{
    public RetryParkedDeliveriesCommandValidator()
    {
        RuleFor(c => c.EventId).NotEqual(Guid.Empty).OverridePropertyName("eventId").WithMessage("eventId must not be the empty id.");
        RuleFor(c => c.Handler)
            .Must(handler => handler is null || (handler.Length is > 0 and <= 300 && !handler.Any(char.IsControl)))
            .OverridePropertyName("handler")
            .WithMessage("handler must be a handler's full type name (1 to 300 characters, no control characters).");
    }
}
