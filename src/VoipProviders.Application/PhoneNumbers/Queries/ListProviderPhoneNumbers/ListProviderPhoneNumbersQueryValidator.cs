using FluentValidation;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;

public sealed class ListProviderPhoneNumbersQueryValidator : AbstractValidator<ListProviderPhoneNumbersQuery>
{
    public ListProviderPhoneNumbersQueryValidator()
    {
        RuleFor(q => q.OrganizationId).OrganizationId();
        RuleFor(q => q.ProviderId).ProviderId().OverridePropertyName("id");
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
    }
}
