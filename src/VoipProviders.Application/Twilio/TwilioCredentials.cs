using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.Twilio;

/// <summary>An Account SID and Auth Token pair. The token prints itself redacted, so neither does this.</summary>
public sealed record TwilioCredentials(AccountSid AccountSid, TwilioAuthToken AuthToken);
