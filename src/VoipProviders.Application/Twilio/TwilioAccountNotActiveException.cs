using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.Twilio;

/// <summary>The credentials are valid but the Twilio account is suspended or closed.</summary>
public sealed class TwilioAccountNotActiveException(string accountStatus)
    : TwilioGatewayException($"The Twilio account is {accountStatus}, not active.", null, null, null)
{
    public string AccountStatus { get; } = accountStatus;

    public override FailureKind Kind => FailureKind.Unprocessable;

    public override string Code => "twilio_account_not_active";

    public override string Title => "Twilio account is not active";

    public override string Detail => $"The Twilio account is {AccountStatus}. Only active accounts can be used.";

    public override IReadOnlyDictionary<string, object> Facts =>
        new Dictionary<string, object>(StringComparer.Ordinal) { ["accountStatus"] = AccountStatus };
}
