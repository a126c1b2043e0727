namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>Enqueues background jobs as part of the current command.</summary>
public interface IBackgroundJobQueue
{
    /// <summary>
    /// Records the job in the current unit of work: it is stored in the same database transaction as the command's
    /// other changes, so it runs if and only if they commit — even if the process stops right after the commit.
    /// </summary>
    void Enqueue<TJob>(TJob job)
        where TJob : class, IBackgroundJob;

    /// <summary>As <see cref="Enqueue{TJob}(TJob)"/>, for a job that must not start before <paramref name="notBefore"/>.</summary>
    void Enqueue<TJob>(TJob job, DateTimeOffset notBefore)
        where TJob : class, IBackgroundJob;
}
