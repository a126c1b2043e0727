using FluentValidation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

public sealed class GetProviderQueryValidator : AbstractValidator<GetProviderQuery>
{
    public GetProviderQueryValidator()
    {
        RuleFor(q => q.OrganizationId).OrganizationId();
        RuleFor(q => q.ProviderId).ProviderId().OverridePropertyName("id");
    }
}
