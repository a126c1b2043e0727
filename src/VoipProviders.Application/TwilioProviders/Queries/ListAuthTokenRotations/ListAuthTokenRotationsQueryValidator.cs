using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.TwilioProviders.Queries.ListAuthTokenRotations;

public sealed class ListAuthTokenRotationsQueryValidator : AbstractValidator<ListAuthTokenRotationsQuery>
{
    public ListAuthTokenRotationsQueryValidator()
    {
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
