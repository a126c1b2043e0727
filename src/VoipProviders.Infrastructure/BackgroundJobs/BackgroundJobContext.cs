using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>The run a background job handler is in; set by the scheduler adapter for the job's own DI scope.</summary>
internal sealed class BackgroundJobContext : IBackgroundJobContext
{
    public int Attempt { get; private set; } = 1;

    public bool IsLastAttempt { get; private set; } = true;

    public void Set(int attempt, bool isLastAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        Attempt = attempt;
        IsLastAttempt = isLastAttempt;
    }
}
