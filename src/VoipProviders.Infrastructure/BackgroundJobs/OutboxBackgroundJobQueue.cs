using System.Diagnostics;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>Adds each job to the outbox table through the request's DbContext, so the unit of work commits it with everything else.</summary>
internal sealed class OutboxBackgroundJobQueue(
    VoipProvidersDbContext dbContext,
    BackgroundJobRegistry registry,
    TimeProvider timeProvider) : IBackgroundJobQueue
{
    public void Enqueue<TJob>(TJob job)
        where TJob : class, IBackgroundJob => Add(job, notBefore: null);

    public void Enqueue<TJob>(TJob job, DateTimeOffset notBefore)
        where TJob : class, IBackgroundJob => Add(job, notBefore);

    private void Add<TJob>(TJob job, DateTimeOffset? notBefore)
        where TJob : class, IBackgroundJob
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = timeProvider.GetUtcNow();
        var queuedBy = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        dbContext.OutboxJobs.Add(new OutboxJob
        {
            Id = Guid.CreateVersion7(now),
            JobName = registry.NameOf(job.GetType()),
            Payload = BackgroundJobSerializer.Serialize(job),
            EnqueuedAt = now,
            NotBefore = notBefore,
            TraceParent = queuedBy?.Id,
            // A caller's tracestate longer than W3C allows is dropped rather than failing the caller's commit.
            TraceState = queuedBy?.TraceStateString is { Length: <= OutboxJob.MaxTraceStateLength } traceState ? traceState : null,
        });
    }
}
