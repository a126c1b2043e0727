using NetArchTest.Rules;

namespace VoipProviders.ArchitectureTests;

/// <summary>
/// Features depend on each other only one way, the building blocks on none of them, and the generic provider feature on
/// no Twilio type (issue #17). Each rule first checks that the types it judges exist, and that the search it relies on
/// sees a dependency that does exist, so none of them can pass by looking at nothing.
/// </summary>
public sealed class FeatureDependencyTests
{
    private static readonly IReadOnlyList<System.Reflection.Assembly> Module = [.. ProductionAssemblies.Layers.Select(ProductionAssemblies.Of)];

    /// <summary>Edges that exist today: the search must find them, or it could not find a cycle either.</summary>
    public static TheoryData<string, string> ExistingFeatureDependencies => new()
    {
        { Features.TwilioProviders, Features.Providers },
        { Features.TwilioProviders, Features.PhoneNumbers },
        { Features.TwilioProviders, Features.Twilio },
        { Features.PhoneNumbers, Features.Twilio },
        { Features.PhoneNumbers, Features.Providers },
        { Features.Twilio, Features.Providers },
    };

    [Theory]
    [MemberData(nameof(ExistingFeatureDependencies))]
    public void Feature_search_Should_see_a_dependency_that_exists(string from, string to) =>
        DependsOn(from, to).Should().BeTrue($"{from} uses {to}");

    [Fact]
    public void Every_feature_Should_have_types_in_the_module()
    {
        Features.All.Should().AllSatisfy(feature => TypesOf(feature).GetTypes().Should().NotBeEmpty($"{feature} is a feature of the module"));
    }

    [Fact]
    public void Features_Should_not_depend_on_each_other_in_a_cycle()
    {
        var edges = Features.All.ToDictionary(
            from => from,
            from => Features.All.Where(to => to != from && DependsOn(from, to)).ToList());
        edges.Values.SelectMany(e => e).Should().NotBeEmpty("features do use each other, one way");

        var cycle = FindCycle(edges);

        cycle.Should().BeNull($"features must depend on each other one way only, but {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Cycle_search_Should_find_a_cycle_that_exists()
    {
        var edges = new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        FindCycle(edges).Should().NotBeNull().And.Contain(["A", "B", "C"]);
        FindCycle(new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = [], ["C"] = ["A", "B"] }).Should().BeNull();
    }

    [Fact]
    public void Building_blocks_Should_reference_no_feature()
    {
        var buildingBlocks = BuildingBlockTypes();
        buildingBlocks.GetTypes().Should().NotBeEmpty();
        buildingBlocks.GetTypes().Should().Contain(t => t.Namespace == "VoipProviders.Infrastructure.Persistence", "the unit of work is a building block");

        var result = buildingBlocks.ShouldNot().HaveDependencyOnAny([.. Features.All.SelectMany(Features.Namespaces)]).GetResult();

        result.IsSuccessful.Should().BeTrue($"building blocks must not name a feature, but these do: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Building_block_search_Should_see_a_feature_reference_that_exists()
    {
        // The composition root of a feature's infrastructure is not a building block: it names the feature's ports.
        var featureTypes = TypesOf(Features.TwilioProviders).And().ResideInNamespaceMatching("^VoipProviders\\.Infrastructure\\.");

        featureTypes.And().HaveDependencyOnAny(Features.Namespaces(Features.TwilioProviders)).GetTypes().Should().NotBeEmpty();
    }

    [Fact]
    public void Contracts_Should_reference_no_assembly_of_the_module()
    {
        var references = Features.ContractsAssembly.GetReferencedAssemblies().Select(name => name.Name ?? string.Empty).ToList();
        references.Should().NotBeEmpty().And.Contain("Mediator", "the check reads the references that exist (Mediator.Abstractions)");

        references.Should().NotContain(
            name => name.StartsWith("VoipProviders.", StringComparison.Ordinal),
            "other modules compile against the contracts and must see none of the module's internals");
    }

    [Fact]
    public void Contracts_Should_reference_no_namespace_of_the_module_but_their_own()
    {
        var contracts = Types.InAssembly(Features.ContractsAssembly).That().ResideInNamespaceStartingWith(Features.ContractsNamespace);
        contracts.GetTypes().Should().NotBeEmpty().And.Contain(typeof(VoipProviders.Contracts.IntegrationEvent));
        Types.InAssembly(Features.ContractsAssembly).That().ResideInNamespaceStartingWith(Features.ContractsNamespace)
            .And().HaveDependencyOn("VoipProviders.Contracts.PhoneNumbers").GetTypes()
            .Should().NotBeEmpty("the search sees a dependency that exists (ProviderDeleted names PhoneNumberReference)");

        string[] module = [.. ProductionAssemblies.Layers.Select(layer => $"VoipProviders.{layer}")];
        var result = contracts.ShouldNot().HaveDependencyOnAny(module).GetResult();

        result.IsSuccessful.Should().BeTrue($"the contracts name no type of the module's layers, but: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Contracts_Should_be_in_no_layer_of_the_module()
    {
        Module.Should().NotContain(Features.ContractsAssembly);
        Module.SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Namespace?.StartsWith(Features.ContractsNamespace, StringComparison.Ordinal) == true)
            .Should().BeEmpty("the contracts live in their own assembly only");
    }

    [Fact]
    public void Application_Should_reference_the_contracts()
    {
        ProductionAssemblies.Of(ProductionAssemblies.Application).GetReferencedAssemblies()
            .Should().Contain(name => name.Name == Features.ContractsAssembly.GetName().Name);
    }

    [Fact]
    public void The_generic_provider_feature_Should_reference_no_Twilio_type()
    {
        var providers = TypesOf(Features.Providers);
        providers.GetTypes().Should().NotBeEmpty();

        string[] twilio = ["Twilio", .. Features.Namespaces(Features.Twilio), .. Features.Namespaces(Features.TwilioProviders)];
        var result = providers.ShouldNot().HaveDependencyOnAny(twilio).GetResult();

        result.IsSuccessful.Should().BeTrue($"Providers works for every provider type, but these name Twilio: {string.Join(", ", result.FailingTypeNames ?? [])}");
        TypesOf(Features.TwilioProviders).And().HaveDependencyOnAny(twilio).GetTypes().Should().NotBeEmpty("the search sees Twilio types where they are used");
    }

    [Fact]
    public void Dependency_search_Should_match_whole_namespace_segments()
    {
        // Uses the Twilio provider feature's types and no Twilio-integration type: a prefix match would see both.
        var repository = Types.InAssemblies(Module).That().HaveName("TwilioResourceCleanupRepository");
        repository.GetTypes().Should().ContainSingle();

        repository.And().HaveDependencyOnAny(Features.Namespaces(Features.TwilioProviders)).GetTypes().Should().ContainSingle();
        repository.And().HaveDependencyOnAny(Features.Namespaces(Features.Twilio)).GetTypes().Should().BeEmpty();
    }

    private static PredicateList TypesOf(string feature) =>
        Types.InAssemblies(Module).That().ResideInNamespaceMatching(Features.NamespacePattern(feature));

    private static bool DependsOn(string from, string to) =>
        TypesOf(from).And().HaveDependencyOnAny(Features.Namespaces(to)).GetTypes().Any();

    /// <summary>
    /// Every type of the module outside the features and the contracts: the building blocks and the composition roots.
    /// Generated code (the mediator's, the OpenAPI XML-doc generator's) lives outside <c>VoipProviders.*</c> and is left out.
    /// </summary>
    private static PredicateList BuildingBlockTypes() =>
        Types.InAssemblies(Module).That().ResideInNamespaceStartingWith("VoipProviders.").And().DoNotResideInNamespaceMatching(Features.FeatureOrContractsPattern);

    private static List<string>? FindCycle(IReadOnlyDictionary<string, List<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the current path, 2 = done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
