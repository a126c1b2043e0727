using FluentValidation;

namespace VoipProviders.Application.Common.Events.Operations;

public sealed class ListParkedDeliveriesQueryValidator : AbstractValidator<ListParkedDeliveriesQuery>
{
    public ListParkedDeliveriesQueryValidator() =>
        RuleFor(q => q.Take).InclusiveBetween(1, 500).OverridePropertyName("take").WithMessage("take must be between 1 and 500.");
}
