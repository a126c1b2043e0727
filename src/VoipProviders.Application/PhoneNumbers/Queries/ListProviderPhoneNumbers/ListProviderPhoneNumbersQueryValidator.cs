using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;

public sealed class ListProviderPhoneNumbersQueryValidator : AbstractValidator<ListProviderPhoneNumbersQuery>
{
    public ListProviderPhoneNumbersQueryValidator()
    {
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
