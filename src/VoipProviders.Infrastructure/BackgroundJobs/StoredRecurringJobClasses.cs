using Quartz;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// The Quartz job classes the clustered store already names for the recurring jobs that existed before issue #17. The
/// store keeps a job's class name, and during a rolling deploy replicas of the previous release load it too: these jobs
/// keep their class names (thin runners, <see cref="RecurringJobRunnerBase"/>) so no replica meets a class it does not
/// know. Recurring jobs declared later run as <see cref="RecurringJobRunner"/>.
/// </summary>
internal static class StoredRecurringJobClasses
{
    private static readonly Dictionary<JobKey, Type> ByKey = new()
    {
        [new JobKey("expired-records-cleanup", "maintenance")] = typeof(ExpiredRecordsCleanupJob),
        [new JobKey("verification-sweep", "verification")] = typeof(VerificationSweepJob),
    };

    public static Type For(JobKey key) => ByKey.GetValueOrDefault(key, typeof(RecurringJobRunner));
}
