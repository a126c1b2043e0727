using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Readiness of this replica's job engine: started, not in standby or shut down, and its last check-in with the cluster
/// (<c>qrtz_scheduler_state</c>) younger than the threshold after which the other replicas treat it as dead and take over
/// its running jobs. A replica that runs no jobs (<c>BackgroundJobs:Enabled=false</c>) passes: it has no engine to judge.
/// </summary>
internal sealed class JobEngineHealthCheck(
    ISchedulerFactory schedulerFactory,
    ModuleDataSource dataSource,
    IOptions<BackgroundJobsOptions> options,
    TimeProvider timeProvider) : IHealthCheck
{
    public const string Name = "jobEngine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("This replica runs no background jobs (BackgroundJobs:Enabled=false).");
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var status = scheduler.Status;
        if (status != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy(status switch
            {
                SchedulerStatus.Created => "The job engine has not started.",
                SchedulerStatus.Standby => "The job engine is in standby: it runs no jobs.",
                SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown => "The job engine is shut down.",
                _ => "The job engine's state is unknown.",
            });
        }

        await using var command = dataSource.DataSource.CreateCommand($"""
            SELECT last_checkin_time, checkin_interval FROM {BackgroundJobsRegistration.TablePrefix}scheduler_state
            WHERE sched_name = @scheduler AND instance_name = @instance
            """);
        command.Parameters.AddWithValue("scheduler", scheduler.SchedulerName);
        command.Parameters.AddWithValue("instance", scheduler.SchedulerInstanceId);
        DateTimeOffset? lastCheckin = null;
        var interval = options.Value.ClusterCheckinInterval;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                // The store keeps the check-in as .NET ticks (UTC) and the interval in milliseconds.
                lastCheckin = new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero);
                interval = TimeSpan.FromMilliseconds(reader.GetInt64(1));
            }
        }

        // The threshold BackgroundJobsRegistration gives the cluster (CheckinMisfireThreshold): a replica silent for
        // longer is taken for dead, and its running jobs are recovered elsewhere.
        var threshold = interval * 2;
        var data = new Dictionary<string, object> { ["checkinIntervalSeconds"] = interval.TotalSeconds };
        if (lastCheckin is not { } checkedIn)
        {
            return HealthCheckResult.Unhealthy("The job engine has not checked in with the cluster yet.", data: data);
        }

        var silence = timeProvider.GetUtcNow() - checkedIn;
        data["lastCheckinAgeSeconds"] = Math.Max(0, Math.Round(silence.TotalSeconds, 1));
        return silence > threshold
            ? HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"The job engine last checked in with the cluster {silence.TotalSeconds:0} s ago, more than {threshold.TotalSeconds:0} s: the other replicas take over its jobs."),
                data: data)
            : HealthCheckResult.Healthy("The job engine runs and checks in with the cluster.", data);
    }
}
