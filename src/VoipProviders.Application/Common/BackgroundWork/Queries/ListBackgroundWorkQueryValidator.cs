using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

/// <summary>The window; the category is checked by the handler, against the sources registered.</summary>
public sealed class ListBackgroundWorkQueryValidator : AbstractValidator<ListBackgroundWorkQuery>
{
    public ListBackgroundWorkQueryValidator()
    {
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
