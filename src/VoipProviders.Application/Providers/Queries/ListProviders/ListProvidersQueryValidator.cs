using FluentValidation;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

public sealed class ListProvidersQueryValidator : AbstractValidator<ListProvidersQuery>
{
    public ListProvidersQueryValidator()
    {
        RuleFor(q => q.OrganizationId).OrganizationId();
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
        RuleFor(q => q.ProviderType!)
            .Must(value => ProviderFilters.TryParseProviderType(value, out _))
            .WithMessage($"providerType must be one of: {string.Join(", ", ProviderFilters.ProviderTypeNames)}.")
            .When(q => q.ProviderType is not null);
        RuleFor(q => q.VerificationStatus!)
            .Must(value => ProviderFilters.TryParseVerificationStatus(value, out _))
            .WithMessage($"verificationStatus must be one of: {string.Join(", ", ProviderFilters.VerificationStatusNames)}.")
            .When(q => q.VerificationStatus is not null);
    }
}
