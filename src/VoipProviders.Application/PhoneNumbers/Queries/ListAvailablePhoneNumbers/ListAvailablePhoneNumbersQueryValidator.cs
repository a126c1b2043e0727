using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

public sealed class ListAvailablePhoneNumbersQueryValidator : AbstractValidator<ListAvailablePhoneNumbersQuery>
{
    public ListAvailablePhoneNumbersQueryValidator()
    {
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
        RuleFor(q => q.PhoneNumber!).PhoneNumberSearch().When(q => q.PhoneNumber is not null);
    }
}
