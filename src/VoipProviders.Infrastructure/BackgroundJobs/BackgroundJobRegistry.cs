using System.Reflection;
using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// The background job types of the application, by their stable names. Built once from the application assembly;
/// a job type without a name, with a name used twice or not shaped as a command fails the host at start-up.
/// </summary>
internal sealed class BackgroundJobRegistry
{
    private readonly Dictionary<string, Type> _typesByName;
    private readonly Dictionary<Type, string> _namesByType;

    public BackgroundJobRegistry(IEnumerable<Type> jobTypes)
    {
        _typesByName = new Dictionary<string, Type>(StringComparer.Ordinal);
        _namesByType = [];
        foreach (var type in jobTypes)
        {
            var name = type.GetCustomAttribute<BackgroundJobAttribute>()?.Name
                ?? throw new InvalidOperationException($"Background job {type.FullName} needs a [BackgroundJob(\"name\")].");
            if (string.IsNullOrWhiteSpace(name) || name.Length > OutboxJob.MaxJobNameLength)
            {
                throw new InvalidOperationException($"Background job {type.FullName} has an unusable name.");
            }

            if (!typeof(ICommand<BackgroundJobOutcome>).IsAssignableFrom(type))
            {
                throw new InvalidOperationException($"Background job {type.FullName} must be an ICommand<BackgroundJobOutcome>.");
            }

            if (!_typesByName.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Background jobs {_typesByName[name].FullName} and {type.FullName} share the name '{name}'.");
            }

            _namesByType[type] = name;
        }
    }

    public static BackgroundJobRegistry FromApplication() =>
        new(typeof(IBackgroundJob).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IBackgroundJob).IsAssignableFrom(type)));

    public IReadOnlyCollection<string> Names => _typesByName.Keys;

    public string NameOf(Type jobType) =>
        _namesByType.TryGetValue(jobType, out var name)
            ? name
            : throw new InvalidOperationException($"{jobType.FullName} is not a registered background job.");

    public bool TryGetType(string name, out Type type) => _typesByName.TryGetValue(name, out type!);
}
