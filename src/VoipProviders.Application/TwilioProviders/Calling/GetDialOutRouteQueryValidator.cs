using FluentValidation;
using VoipProviders.Contracts.Calling;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Calling;

public sealed class GetDialOutRouteQueryValidator : AbstractValidator<GetDialOutRouteQuery>
{
    public GetDialOutRouteQueryValidator()
    {
        RuleFor(q => q.OrganizationId)
            .Must(organizationId => OrganizationId.TryParse(organizationId, out _))
            .OverridePropertyName("organizationId")
            .WithMessage("organizationId must be 1 to 64 characters without control characters or whitespace.");
        RuleFor(q => q.Caller)
            .NotEmpty().WithMessage("caller is required: who reads the route, for the log.")
            .MaximumLength(200).WithMessage("caller must be at most 200 characters.")
            .Must(caller => caller.All(c => !char.IsControl(c))).WithMessage("caller must not contain control characters.");
    }
}
