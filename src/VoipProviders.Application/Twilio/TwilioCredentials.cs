namespace VoipProviders.Application.Twilio;

/// <summary>An Account SID and Auth Token pair. <see cref="ToString"/> never prints the token.</summary>
public sealed record TwilioCredentials(string AccountSid, string AuthToken)
{
    public override string ToString() => $"TwilioCredentials {{ AccountSid = {AccountSid}, AuthToken = [redacted] }}";
}
