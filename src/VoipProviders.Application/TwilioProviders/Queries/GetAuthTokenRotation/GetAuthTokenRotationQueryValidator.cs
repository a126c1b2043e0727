using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Queries.GetAuthTokenRotation;

public sealed class GetAuthTokenRotationQueryValidator : AbstractValidator<GetAuthTokenRotationQuery>
{
    public GetAuthTokenRotationQueryValidator()
    {
        RuleFor(q => q.RotationId).NotEmpty().WithMessage("rotationId must be a non-empty UUID.");
    }
}
