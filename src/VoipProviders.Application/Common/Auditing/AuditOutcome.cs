namespace VoipProviders.Application.Common.Auditing;

public enum AuditOutcome
{
    /// <summary>The change committed.</summary>
    Succeeded,

    /// <summary>A security-relevant refusal: Twilio rejected the token, or a credential change came with a stale If-Match.</summary>
    Rejected,
}
