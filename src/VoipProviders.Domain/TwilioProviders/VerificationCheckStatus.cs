namespace VoipProviders.Domain.TwilioProviders;

public enum VerificationCheckStatus
{
    Passed,
    Warning,
    Failed,
}
