using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Auditing;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Runs one firing of a feature's recurring job (see <see cref="RecurringJobs"/>): the job declared under the firing's
/// key is resolved in the DI scope Quartz opens for it. Each concrete runner carries
/// <see cref="DisallowConcurrentExecutionAttribute"/>, which holds per job key: each recurring job runs once at a time
/// across all replicas, different ones side by side.
/// </summary>
internal abstract class RecurringJobRunnerBase(IServiceProvider services, RecurringJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = jobs.ByKey(context.JobDetail.Key);
        services.GetRequiredService<AuditActorScope>().RunAsJob(job.Key.Name);
        await ((IRecurringJob)services.GetRequiredService(job.Type)).RunAsync(cancellationToken);
    }
}
