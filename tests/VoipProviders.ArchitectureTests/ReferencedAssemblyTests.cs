namespace VoipProviders.ArchitectureTests;

/// <summary>
/// The same layer rules on the assemblies' metadata references, which catch what a namespace-prefix search can miss
/// (e.g. a forbidden assembly whose types live in unexpected namespaces).
/// </summary>
public sealed class ReferencedAssemblyTests
{
    public static TheoryData<string, string> ExistingReferences => new()
    {
        { ProductionAssemblies.Application, "VoipProviders.Domain" },
        { ProductionAssemblies.Infrastructure, "Twilio" },
        { ProductionAssemblies.Infrastructure, "Npgsql" },
        { ProductionAssemblies.Web, "VoipProviders.Infrastructure" },
        { ProductionAssemblies.Web, "OpenTelemetry" },
    };

    [Theory]
    [MemberData(nameof(LayerRules.Forbidden), MemberType = typeof(LayerRules))]
    public void Layer_Should_not_reference_a_forbidden_assembly(string layer, string forbidden)
    {
        var references = ReferenceNames(layer);
        references.Should().NotBeEmpty();

        references.Should().NotContain(name => Matches(name, forbidden), $"{layer} must not reference {forbidden}");
    }

    [Theory]
    [MemberData(nameof(ExistingReferences))]
    public void Reference_check_Should_detect_a_reference_that_exists(string layer, string reference)
    {
        ReferenceNames(layer).Should().Contain(name => Matches(name, reference));
    }

    private static List<string> ReferenceNames(string layer) =>
        [.. ProductionAssemblies.Of(layer).GetReferencedAssemblies().Select(name => name.Name ?? string.Empty)];

    /// <summary>The assembly itself or one of its family ("Npgsql" matches "Npgsql.EntityFrameworkCore.PostgreSQL").</summary>
    private static bool Matches(string assemblyName, string forbidden) =>
        string.Equals(assemblyName, forbidden, StringComparison.OrdinalIgnoreCase)
        || assemblyName.StartsWith(forbidden + ".", StringComparison.OrdinalIgnoreCase);
}
