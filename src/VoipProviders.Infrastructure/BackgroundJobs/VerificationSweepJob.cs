using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>The Quartz job class stored for the verification sweep since before issue #17 (see <see cref="StoredRecurringJobClasses"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class VerificationSweepJob(IServiceProvider services, RecurringJobs jobs) : RecurringJobRunnerBase(services, jobs);
