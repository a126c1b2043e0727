using NetArchTest.Rules;

namespace VoipProviders.ArchitectureTests;

/// <summary>Layer rules on type-level dependencies (signatures, fields and method bodies), via NetArchTest.</summary>
public sealed class LayerDependencyTests
{
    /// <summary>Dependencies that do exist: proof that the search sees them, so the rules above can fail.</summary>
    public static TheoryData<string, string> ExistingDependencies => new()
    {
        { ProductionAssemblies.Application, "VoipProviders.Domain" },
        { ProductionAssemblies.Application, "Mediator" },
        { ProductionAssemblies.Application, "FluentValidation" },
        { ProductionAssemblies.Application, "Mapster" },
        { ProductionAssemblies.Infrastructure, "VoipProviders.Application" },
        { ProductionAssemblies.Infrastructure, "Twilio" },
        { ProductionAssemblies.Infrastructure, "Npgsql" },
        { ProductionAssemblies.Infrastructure, "Microsoft.AspNetCore" },
        { ProductionAssemblies.Infrastructure, "Quartz" },
        { ProductionAssemblies.Web, "VoipProviders.Infrastructure" },
        { ProductionAssemblies.Web, "Mediator" },
        { ProductionAssemblies.Web, "Microsoft.AspNetCore" },
    };

    [Theory]
    [MemberData(nameof(LayerRules.Forbidden), MemberType = typeof(LayerRules))]
    public void Layer_Should_not_depend_on_a_forbidden_namespace(string layer, string forbidden)
    {
        var types = Types.InAssembly(ProductionAssemblies.Of(layer));
        types.GetTypes().Should().NotBeEmpty($"the {layer} rule must check some types");

        var result = types.ShouldNot().HaveDependencyOn(forbidden).GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"{layer} must not depend on {forbidden}, but these do: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ExistingDependencies))]
    public void Dependency_search_Should_detect_a_dependency_that_exists(string layer, string dependency)
    {
        var dependents = Types.InAssembly(ProductionAssemblies.Of(layer)).That().HaveDependencyOn(dependency).GetTypes();

        dependents.Should().NotBeEmpty($"{layer} really uses {dependency}");
    }

    [Theory]
    [InlineData(ProductionAssemblies.Domain)]
    [InlineData(ProductionAssemblies.Application)]
    [InlineData(ProductionAssemblies.Infrastructure)]
    [InlineData(ProductionAssemblies.Web)]
    public void No_type_Should_use_the_process_global_TwilioClient(string layer)
    {
        var types = Types.InAssembly(ProductionAssemblies.Of(layer));
        types.GetTypes().Should().NotBeEmpty();

        var result = types.ShouldNot().HaveDependencyOn("Twilio.TwilioClient").GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"TwilioClient.Init shares one tenant's credentials with all; used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Dependency_search_Should_see_types_used_only_inside_method_bodies()
    {
        var factories = Types.InAssembly(ProductionAssemblies.Of(ProductionAssemblies.Infrastructure))
            .That().HaveNameEndingWith("TwilioRestClientFactory");
        factories.GetTypes().Should().ContainSingle();

        var result = factories.Should().HaveDependencyOn("Twilio.Clients.TwilioRestClient").GetResult();

        result.IsSuccessful.Should().BeTrue("the factory news up TwilioRestClient, so a TwilioClient.Init call would be seen too");
    }
}
