namespace VoipProviders.Application.Twilio;

/// <summary>The credentials are valid but the Twilio account is suspended or closed.</summary>
public sealed class TwilioAccountNotActiveException(string accountStatus)
    : TwilioGatewayException($"The Twilio account is {accountStatus}, not active.", null, null, null)
{
    public string AccountStatus { get; } = accountStatus;
}
