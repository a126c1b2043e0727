using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class FakeBackgroundJobQueue : IBackgroundJobQueue
{
    public List<IBackgroundJob> Enqueued { get; } = [];

    public void Enqueue<TJob>(TJob job)
        where TJob : class, IBackgroundJob => Enqueued.Add(job);

    public void Enqueue<TJob>(TJob job, DateTimeOffset notBefore)
        where TJob : class, IBackgroundJob
    {
        Enqueued.Add(job);
        NotBefore[job] = notBefore;
    }

    /// <summary>The start times of the jobs enqueued for later.</summary>
    public Dictionary<IBackgroundJob, DateTimeOffset> NotBefore { get; } = [];
}
