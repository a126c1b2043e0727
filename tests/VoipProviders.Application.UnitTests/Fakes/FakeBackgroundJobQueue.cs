using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class FakeBackgroundJobQueue : IBackgroundJobQueue
{
    public List<IBackgroundJob> Enqueued { get; } = [];

    public void Enqueue<TJob>(TJob job)
        where TJob : class, IBackgroundJob => Enqueued.Add(job);
}
