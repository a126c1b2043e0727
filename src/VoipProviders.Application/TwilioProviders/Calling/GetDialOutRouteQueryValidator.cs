using FluentValidation;
using VoipProviders.Application.Contracts.Calling;

namespace VoipProviders.Application.TwilioProviders.Calling;

public sealed class GetDialOutRouteQueryValidator : AbstractValidator<GetDialOutRouteQuery>
{
    public GetDialOutRouteQueryValidator() =>
        RuleFor(q => q.Caller)
            .NotEmpty().WithMessage("caller is required: who reads the route, for the log.")
            .MaximumLength(200).WithMessage("caller must be at most 200 characters.")
            .Must(caller => caller.All(c => !char.IsControl(c))).WithMessage("caller must not contain control characters.");
}
