using FluentValidation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed class GetPhoneNumberQueryValidator : AbstractValidator<GetPhoneNumberQuery>
{
    public GetPhoneNumberQueryValidator()
    {
        RuleFor(q => q.OrganizationId).OrganizationId();
        RuleFor(q => q.PhoneNumberId).PhoneNumberId().OverridePropertyName("id");
    }
}
