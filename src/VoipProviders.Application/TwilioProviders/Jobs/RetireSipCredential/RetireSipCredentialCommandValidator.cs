using FluentValidation;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

public sealed class RetireSipCredentialCommandValidator : AbstractValidator<RetireSipCredentialCommand>
{
    public RetireSipCredentialCommandValidator()
    {
        RuleFor(c => c.ProviderId).NotEmpty().WithMessage("providerId must be a non-empty UUID.");
        RuleFor(c => c.CredentialListSid).Must(sid => TwilioSid.Is("CL", sid)).WithMessage("credentialListSid must be a credential list SID.");
        RuleFor(c => c.Username).NotEmpty().MaximumLength(32).WithMessage("username must be 1 to 32 characters.");
        RuleFor(c => c.SipCredentialSid!).Must(sid => TwilioSid.Is("CR", sid))
            .When(c => c.SipCredentialSid is not null)
            .WithMessage("sipCredentialSid must be a SIP credential SID.");
    }
}
