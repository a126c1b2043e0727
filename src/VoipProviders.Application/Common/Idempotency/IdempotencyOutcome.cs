namespace VoipProviders.Application.Common.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>The key was free: run the request.</summary>
    Started,

    /// <summary>The key was used with this very request, which completed: replay its response.</summary>
    Completed,

    /// <summary>The key was used with this request, which is still running.</summary>
    InProgress,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,
}
