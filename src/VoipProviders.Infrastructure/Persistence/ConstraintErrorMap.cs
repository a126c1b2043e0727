using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Every declared constraint error of the module's entity configurations, by constraint name.</summary>
internal static class ConstraintErrorMap
{
    private static readonly Lazy<IReadOnlyDictionary<string, ConstraintError>> Errors = new(Collect);

    public static IReadOnlyCollection<string> ConstraintNames => [.. Errors.Value.Keys];

    /// <summary>The caller-facing exception for a failed save, when the database names a declared constraint.</summary>
    public static bool TryTranslate(Exception exception, [NotNullWhen(true)] out Exception? translated)
    {
        translated = null;
        if (exception.InnerException is PostgresException { ConstraintName: { } name } && Errors.Value.TryGetValue(name, out var error))
        {
            translated = error.Translate(exception);
        }

        return translated is not null;
    }

    private static Dictionary<string, ConstraintError> Collect() =>
        typeof(ConstraintErrorMap).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IDeclareConstraintErrors).IsAssignableFrom(type))
            .SelectMany(type => ((IDeclareConstraintErrors)Activator.CreateInstance(type)!).ConstraintErrors)
            .ToDictionary(error => error.ConstraintName, StringComparer.Ordinal);
}
