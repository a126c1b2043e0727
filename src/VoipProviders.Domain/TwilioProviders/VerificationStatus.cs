namespace VoipProviders.Domain.TwilioProviders;

public enum VerificationStatus
{
    Pending,
    Verified,
    Warning,
    Failed,
}
