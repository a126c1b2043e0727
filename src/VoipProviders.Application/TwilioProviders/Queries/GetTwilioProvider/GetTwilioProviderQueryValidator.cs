using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed class GetTwilioProviderQueryValidator : AbstractValidator<GetTwilioProviderQuery>
{
    public GetTwilioProviderQueryValidator()
    {
        RuleFor(q => q.OrganizationId).OrganizationId();
        RuleFor(q => q.ProviderId).ProviderId().OverridePropertyName("id");
    }
}
