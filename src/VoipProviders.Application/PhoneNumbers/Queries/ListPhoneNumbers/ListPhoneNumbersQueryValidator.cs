using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListPhoneNumbers;

public sealed class ListPhoneNumbersQueryValidator : AbstractValidator<ListPhoneNumbersQuery>
{
    public ListPhoneNumbersQueryValidator()
    {
        RuleFor(q => q.PhoneNumber!).PhoneNumberSearch().When(q => q.PhoneNumber is not null);
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
