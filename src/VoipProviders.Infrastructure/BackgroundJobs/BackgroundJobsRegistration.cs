using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Infrastructure.Events;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Durable background jobs: an outbox table written in the command's transaction, and Quartz.NET clustered on the
/// module's PostgreSQL schema (tables <c>voip_providers.qrtz_*</c>, created by an EF Core migration) that dispatches
/// and runs them — once cluster-wide, surviving restarts, retried with persisted exponential backoff. The recurring jobs
/// the features declare (<see cref="IRecurringJob"/>) are scheduled on the same engine, each once at a time cluster-wide.
/// </summary>
internal static class BackgroundJobsRegistration
{
    public const string SchedulerName = "VoipProviders";
    public const string TablePrefix = VoipProvidersDbContext.Schema + "." + QuartzTableNamePrefix;
    public const string QuartzTableNamePrefix = "qrtz_";

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(BackgroundJobRegistry.FromApplication());
        var recurring = new RecurringJobs([typeof(IBackgroundJob).Assembly, typeof(BackgroundJobsRegistration).Assembly]);
        services.AddSingleton(recurring);
        foreach (var job in recurring.All)
        {
            services.AddScoped(job.Type);
        }

        services.AddScoped<BackgroundJobContext>();
        services.AddScoped<IBackgroundJobContext>(provider => provider.GetRequiredService<BackgroundJobContext>());
        services.AddScoped<IBackgroundJobQueue, OutboxBackgroundJobQueue>();
        services.AddSingleton<IOutboxNotifier, QuartzOutboxNotifier>();
        services.AddSingleton<OutboxBackgroundWork>();
        services.AddSingleton<IBackgroundWorkSource>(provider => provider.GetRequiredService<OutboxBackgroundWork>());
        services.AddSingleton<BackgroundJobsMetrics>();

        // Quartz reads these while the container is built; the same section is validated on start like every option.
        var settings = configuration.GetSection(BackgroundJobsOptions.SectionName).Get<BackgroundJobsOptions>() ?? new BackgroundJobsOptions();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.GenerateInstanceId = true;
                scheduler.IdleWaitTime = settings.IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = settings.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(dataSource => dataSource.ConnectionStringName = PersistenceOptions.ConnectionStringName);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = settings.ClusterCheckinInterval;
                    cluster.CheckinMisfireThreshold = settings.ClusterCheckinInterval * 2;
                });
                store.ConfigureStore(jobStore =>
                {
                    jobStore.TablePrefix = TablePrefix;
                    // A run cut short by a shutdown is run again (on this or another replica), not dropped.
                    jobStore.RecoverFiringsCancelledByShutdown = true;
                    // The cluster manager and misfire handler retry an unreachable database for minutes; on foreground
                    // threads they kept the process alive that long after the host had stopped.
                    jobStore.UseBackgroundThreads = true;
                });
            });

            quartz.AddJob<OutboxDispatchJob>(job => job.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
            quartz.AddTrigger((provider, trigger) => trigger
                .ForJob(OutboxDispatchJob.Key)
                .WithIdentity("outbox-poll", OutboxDispatchJob.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value.OutboxPollInterval)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));

            // Event delivery: one long run at a time cluster-wide, taken over by another replica if this one stops.
            quartz.AddJob<IntegrationEventDispatchJob>(job => job.WithIdentity(IntegrationEventDispatchJob.Key).StoreDurably().RequestRecovery());
            quartz.AddTrigger((provider, trigger) => trigger
                .ForJob(IntegrationEventDispatchJob.Key)
                .WithIdentity(IntegrationEventDispatchJob.TriggerKey)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(provider.GetRequiredService<IOptions<IntegrationEventsOptions>>().Value.DispatchPeriod)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));

            foreach (var job in recurring.All)
            {
                quartz.AddJob(StoredRecurringJobClasses.For(job.Key), detail => detail.WithIdentity(job.Key).StoreDurably());
                quartz.AddTrigger((provider, trigger) => trigger
                    .ForJob(job.Key)
                    .WithIdentity(job.Trigger)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(job.Period(provider))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }
        });
        // Its stop ends within the host's shutdown timeout, database or not (see BackgroundJobsHostedService).
        services.AddQuartzHostedService<BackgroundJobsHostedService>(hosted =>
        {
            // A replica that does not run jobs still builds the scheduler: it wakes the dispatcher through the store.
            hosted.AutoStart = settings.Enabled;
            // Running jobs are given until the host's shutdown timeout to finish (BackgroundJobsHostedService).
            hosted.WaitForJobsToComplete = true;
        });
        return services;
    }
}
