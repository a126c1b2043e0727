using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

public sealed class UpdateTwilioAuthTokenCommandValidator : AbstractValidator<UpdateTwilioAuthTokenCommand>
{
    public UpdateTwilioAuthTokenCommandValidator()
    {
        RuleFor(c => c.AuthToken).AuthToken();
    }
}
