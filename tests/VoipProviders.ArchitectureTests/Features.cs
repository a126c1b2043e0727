using System.Reflection;
using System.Text.RegularExpressions;
using VoipProviders.Contracts;

namespace VoipProviders.ArchitectureTests;

/// <summary>
/// The module's features as namespaces. A feature is <c>VoipProviders.{Layer}.{Feature}</c> in any of the four layers;
/// everything else of the module is a building block (<c>Common</c>, persistence, jobs, HTTP machinery, the composition
/// roots). The contracts other modules use are an assembly of their own (<see cref="ContractsAssembly"/>).
/// </summary>
internal static class Features
{
    public const string Providers = nameof(Providers);
    public const string TwilioProviders = nameof(TwilioProviders);
    public const string PhoneNumbers = nameof(PhoneNumbers);
    public const string Twilio = nameof(Twilio);

    public const string ContractsNamespace = "VoipProviders.Contracts";

    /// <summary>What other modules compile against: the facade, the calling contract and the integration events.</summary>
    public static Assembly ContractsAssembly { get; } = typeof(IntegrationEvent).Assembly;

    public static IReadOnlyList<string> All { get; } = [Providers, TwilioProviders, PhoneNumbers, Twilio];

    private static readonly string[] LayerNames = ["Domain", "Application", "Infrastructure", "Web"];

    /// <summary>A namespace of the feature in any layer (the feature itself or below it).</summary>
    public static string NamespacePattern(string feature) => $@"^VoipProviders\.({string.Join('|', LayerNames)})\.{feature}(\.|$)";

    /// <summary>
    /// The feature's namespaces, for the dependency search, which matches whole namespace segments (so Twilio does not
    /// match TwilioProviders; a test proves it).
    /// </summary>
    public static string[] Namespaces(string feature) => [.. LayerNames.Select(layer => $"VoipProviders.{layer}.{feature}")];

    /// <summary>Any feature's namespace, or the contracts'.</summary>
    public static string FeatureOrContractsPattern =>
        $@"^VoipProviders\.({string.Join('|', LayerNames)})\.({string.Join('|', All)})(\.|$)|^{Regex.Escape(ContractsNamespace)}(\.|$)";
}
