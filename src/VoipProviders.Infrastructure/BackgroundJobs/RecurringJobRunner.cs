using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Runs one firing of a feature's recurring job (see <see cref="RecurringJobs"/>): the job is resolved in the DI scope
/// Quartz opens for the firing. <see cref="DisallowConcurrentExecutionAttribute"/> holds per job key, so each recurring
/// job runs once at a time across all replicas, while different ones run side by side.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RecurringJobRunner(IServiceProvider services, RecurringJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = jobs.ByKey(context.JobDetail.Key);
        await ((IRecurringJob)services.GetRequiredService(job.Type)).RunAsync(cancellationToken);
    }
}
