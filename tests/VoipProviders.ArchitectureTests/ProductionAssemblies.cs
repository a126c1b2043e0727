using System.Reflection;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.ArchitectureTests;

/// <summary>The four production assemblies, by layer name.</summary>
internal static class ProductionAssemblies
{
    public const string Domain = nameof(Domain);
    public const string Application = nameof(Application);
    public const string Infrastructure = nameof(Infrastructure);
    public const string Web = nameof(Web);

    private static readonly Dictionary<string, Assembly> ByLayer = new(StringComparer.Ordinal)
    {
        [Domain] = typeof(TwilioProvider).Assembly,
        [Application] = typeof(VoipProviders.Application.DependencyInjection).Assembly,
        [Infrastructure] = typeof(VoipProviders.Infrastructure.DependencyInjection).Assembly,
        [Web] = typeof(Program).Assembly,
    };

    public static IReadOnlyCollection<string> Layers => ByLayer.Keys;

    public static Assembly Of(string layer) => ByLayer[layer];

    /// <summary>Concrete and abstract types the assembly declares (compiler-generated helpers excluded).</summary>
    public static IReadOnlyList<Type> DeclaredTypes(string layer) =>
        [.. Of(layer).GetTypes().Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))];
}
