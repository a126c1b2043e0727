using FluentValidation;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Commands.SetAuthTokenRotationPolicy;

public sealed class SetAuthTokenRotationPolicyCommandValidator : AbstractValidator<SetAuthTokenRotationPolicyCommand>
{
    public SetAuthTokenRotationPolicyCommandValidator()
    {
        RuleFor(c => c.Enabled).NotNull().WithMessage("enabled is required: true or false.");
        RuleFor(c => c.IntervalDays)
            .InclusiveBetween(AuthTokenRotationPolicy.MinIntervalDays, AuthTokenRotationPolicy.MaxIntervalDays)
            .When(c => c.IntervalDays is not null)
            .WithMessage($"intervalDays must be between {AuthTokenRotationPolicy.MinIntervalDays} and {AuthTokenRotationPolicy.MaxIntervalDays}.");
        RuleFor(c => c.PropagationDelaySeconds)
            .InclusiveBetween(0, AuthTokenRotation.MaxPropagationDelaySeconds)
            .When(c => c.PropagationDelaySeconds is not null)
            .WithMessage($"propagationDelaySeconds must be between 0 and {AuthTokenRotation.MaxPropagationDelaySeconds}.");
    }
}
