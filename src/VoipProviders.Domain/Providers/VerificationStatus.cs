namespace VoipProviders.Domain.Providers;

public enum VerificationStatus
{
    Pending,
    Verified,
    Warning,
    Failed,
}
