using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

public sealed class ListBackgroundWorkQueryValidator : AbstractValidator<ListBackgroundWorkQuery>
{
    public ListBackgroundWorkQueryValidator(IEnumerable<IBackgroundWorkSource> sources)
    {
        var names = sources.Select(s => s.Category.Name).ToList();
        RuleFor(q => q.Category)
            .Must(names.Contains)
            .WithMessage($"category must be one of: {string.Join(", ", names)}.");
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
