using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.Auditing.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Action!).AuditAction().When(q => q.Action is not null);
        RuleFor(q => q.Outcome!).AuditOutcome().When(q => q.Outcome is not null);
        RuleFor(q => q.From)
            .Must((q, from) => from <= q.To)
            .WithMessage("from must not be after to.")
            .When(q => q.From is not null && q.To is not null);
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
