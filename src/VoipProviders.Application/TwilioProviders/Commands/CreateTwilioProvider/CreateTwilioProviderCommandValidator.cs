using FluentValidation;
using VoipProviders.Application.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

public sealed class CreateTwilioProviderCommandValidator : AbstractValidator<CreateTwilioProviderCommand>
{
    /// <summary>What a missing <c>accountSid</c> is told; the HTTP edge, which parses a present one, says the same.</summary>
    public const string AccountSidRequired = "accountSid is required.";

    /// <summary>What a malformed (or missing) <c>accountSid</c> is told.</summary>
    public const string AccountSidShape = "accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.";

    public CreateTwilioProviderCommandValidator()
    {
        // Its shape is the type's; absent, it is named like every other missing field (in the words it always had).
        RuleFor(c => c.AccountSid)
            .NotNull().WithMessage(AccountSidRequired)
            .NotNull().WithMessage(AccountSidShape);
        RuleFor(c => c.AuthToken).AuthToken();
        RuleFor(c => c.Name!).Name().When(c => c.Name is not null);
        RuleFor(c => c.Region!).Region().When(c => c.Region is not null);
    }
}
