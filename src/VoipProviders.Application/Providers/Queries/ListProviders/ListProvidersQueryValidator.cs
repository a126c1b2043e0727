using FluentValidation;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

public sealed class ListProvidersQueryValidator : AbstractValidator<ListProvidersQuery>
{
    public ListProvidersQueryValidator(ProviderTypes types)
    {
        ArgumentNullException.ThrowIfNull(types);
        RuleFor(q => q.Skip).Skip();
        RuleFor(q => q.Take).Take();
        RuleFor(q => q.ProviderType!)
            .Must(value => types.TryParse(value, out _))
            .WithMessage($"providerType must be one of: {string.Join(", ", types.Names)}.")
            .When(q => q.ProviderType is not null);
        RuleFor(q => q.VerificationStatus!)
            .Must(value => ProviderFilters.TryParseVerificationStatus(value, out _))
            .WithMessage($"verificationStatus must be one of: {string.Join(", ", ProviderFilters.VerificationStatusNames)}.")
            .When(q => q.VerificationStatus is not null);
    }
}
