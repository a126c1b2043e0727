using System.Text.RegularExpressions;
using FluentValidation;
using VoipProviders.Contracts.Calling;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Calling;

public sealed partial class ResolveInboundCallQueryValidator : AbstractValidator<ResolveInboundCallQuery>
{
    public ResolveInboundCallQueryValidator()
    {
        RuleFor(q => q.CalledNumber)
            .NotEmpty().WithMessage("calledNumber is required: the number that was dialled, in E.164 (+ and 2 to 15 digits).")
            .Must(number => E164().IsMatch(number!)).WithMessage("calledNumber must be E.164: + and 2 to 15 digits, e.g. +14155550100.")
            .When(q => q.CalledNumber is not null, ApplyConditionTo.CurrentValidator);
        RuleFor(q => q.RoutingKey!)
            .Must(InboundRoutingKey.IsWellFormed)
            .When(q => q.RoutingKey is not null)
            .WithMessage("routingKey must be 20 to 63 lowercase letters and digits, as the origination URL carries it.");
        RuleFor(q => q.AccountSid!)
            .Must(sid => AccountSid.TryParse(sid, out _))
            .When(q => q.AccountSid is not null)
            .WithMessage("accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");
        RuleFor(q => q)
            .Must(q => q.RoutingKey is not null || q.AccountSid is not null)
            .WithMessage("Send routingKey, accountSid or both: the called number alone does not tell whose call it is.")
            .OverridePropertyName("routingKey");
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
