using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>The Quartz job class of every recurring job declared since issue #17 (see <see cref="RecurringJobRunnerBase"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class RecurringJobRunner(IServiceProvider services, RecurringJobs jobs) : RecurringJobRunnerBase(services, jobs);
