using FluentValidation;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed class GetPhoneNumberQueryValidator : AbstractValidator<GetPhoneNumberQuery>
{
    public GetPhoneNumberQueryValidator()
    {
        RuleFor(q => q.PhoneNumberId).PhoneNumberId().OverridePropertyName("id");
    }
}
