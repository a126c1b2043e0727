using System.Reflection;
using Quartz;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// The recurring jobs the features of the module's assemblies declare (<see cref="IRecurringJob"/> with its
/// <see cref="RecurringJobAttribute"/>), each with the job and trigger keys it keeps in the clustered store.
/// </summary>
internal sealed class RecurringJobs
{
    private readonly Dictionary<JobKey, RecurringJob> _byKey;

    public RecurringJobs(IEnumerable<Assembly> assemblies)
    {
        All =
        [
            .. assemblies.SelectMany(assembly => assembly.GetTypes())
                .Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IRecurringJob).IsAssignableFrom(type))
                .OrderBy(type => type.FullName, StringComparer.Ordinal)
                .Select(RecurringJob.Of),
        ];
        _byKey = All.ToDictionary(job => job.Key);
    }

    public IReadOnlyList<RecurringJob> All { get; }

    public RecurringJob ByKey(JobKey key) =>
        _byKey.TryGetValue(key, out var job) ? job : throw new InvalidOperationException($"No recurring job is declared as {key}.");
}
