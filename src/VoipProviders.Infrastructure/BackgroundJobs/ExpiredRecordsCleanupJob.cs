using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>The Quartz job class stored for the expired-records clean-up since before issue #17 (see <see cref="StoredRecurringJobClasses"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class ExpiredRecordsCleanupJob(IServiceProvider services, RecurringJobs jobs) : RecurringJobRunnerBase(services, jobs);
