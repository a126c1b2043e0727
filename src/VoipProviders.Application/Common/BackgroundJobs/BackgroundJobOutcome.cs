namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>How a run of a background job ended. Its changes are committed in every case.</summary>
public enum BackgroundJobOutcome
{
    /// <summary>Done; the job will not run again.</summary>
    Completed,

    /// <summary>Not done yet; run it again after the job's backoff (if it has attempts left).</summary>
    RetryLater,

    /// <summary>Not done and never will be; the handler has said why (logged, recorded).</summary>
    GaveUp,
}
