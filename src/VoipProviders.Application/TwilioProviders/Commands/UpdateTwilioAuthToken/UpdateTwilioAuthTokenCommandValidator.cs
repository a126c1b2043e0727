using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

public sealed class UpdateTwilioAuthTokenCommandValidator : AbstractValidator<UpdateTwilioAuthTokenCommand>
{
    public UpdateTwilioAuthTokenCommandValidator()
    {
        RuleFor(c => c.OrganizationId).OrganizationId();
        RuleFor(c => c.ProviderId).ProviderId().OverridePropertyName("id");
        RuleFor(c => c.AuthToken).AuthToken();
    }
}
