using System.Reflection;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>One declared recurring job: its type, its keys in the store, and how to read its period.</summary>
internal sealed record RecurringJob(Type Type, JobKey Key, TriggerKey Trigger, Func<IServiceProvider, TimeSpan> Period)
{
    private static readonly MethodInfo PeriodOfMethod =
        typeof(RecurringJob).GetMethod(nameof(PeriodOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static RecurringJob Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var declared = type.GetCustomAttribute<RecurringJobAttribute>()
            ?? throw new InvalidOperationException($"Recurring job {type.FullName} needs a [RecurringJob(group, name, trigger)].");
        var period = (Func<IServiceProvider, TimeSpan>)PeriodOfMethod.MakeGenericMethod(type).Invoke(null, null)!;
        return new RecurringJob(type, new JobKey(declared.Name, declared.Group), new TriggerKey(declared.Trigger, declared.Group), period);
    }

    private static Func<IServiceProvider, TimeSpan> PeriodOf<TJob>()
        where TJob : IRecurringJob => TJob.PeriodFrom;
}
