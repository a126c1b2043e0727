namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>Which run of a background job the current handler is: it decides when to stop retrying.</summary>
public interface IBackgroundJobContext
{
    /// <summary>1 on the first run, 2 on the first retry, and so on.</summary>
    int Attempt { get; }

    /// <summary>True when a <see cref="BackgroundJobOutcome.RetryLater"/> now would not be retried any more.</summary>
    bool IsLastAttempt { get; }
}
