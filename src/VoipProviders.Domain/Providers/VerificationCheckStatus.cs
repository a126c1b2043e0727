namespace VoipProviders.Domain.Providers;

/// <summary>How one check of a verification run ended.</summary>
public enum VerificationCheckStatus
{
    Passed,
    Warning,
    Failed,

    /// <summary>Not run, because a check it depends on failed (every check after a failed Credentials check).</summary>
    Skipped,
}
