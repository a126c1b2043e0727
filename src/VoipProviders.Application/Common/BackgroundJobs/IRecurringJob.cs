namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>
/// Work a feature runs on a schedule, on one replica at a time cluster-wide (a run that is still going when the next
/// is due delays it). Declared with <see cref="RecurringJobAttribute"/> (its stable name) and found by the job engine;
/// resolved from DI in a scope of its own for every run. <see cref="PeriodFrom"/> reads the period from the feature's
/// settings when the engine is configured.
/// </summary>
public interface IRecurringJob
{
    static abstract TimeSpan PeriodFrom(IServiceProvider services);

    Task RunAsync(CancellationToken cancellationToken);
}
