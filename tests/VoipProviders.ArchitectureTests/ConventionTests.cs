using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Providers;
using VoipProviders.Domain.Common;

namespace VoipProviders.ArchitectureTests;

public sealed class ConventionTests
{
    private static readonly IReadOnlyList<Type> ApplicationTypes = ProductionAssemblies.DeclaredTypes(ProductionAssemblies.Application);

    private static List<Type> ConcreteClassesImplementing(params Type[] openInterfaces) =>
        [.. ApplicationTypes.Where(t => t is { IsClass: true, IsAbstract: false } && Implements(t, openInterfaces))];

    private static bool Implements(Type type, Type[] interfaces) =>
        type.GetInterfaces().Any(i => interfaces.Contains(i.IsGenericType ? i.GetGenericTypeDefinition() : i));

    private static List<Type> Commands() => [.. ApplicationTypes.Where(t => !t.IsInterface && typeof(IBaseCommand).IsAssignableFrom(t))];

    private static List<Type> Queries() => [.. ApplicationTypes.Where(t => !t.IsInterface && typeof(IBaseQuery).IsAssignableFrom(t))];

    [Fact]
    public void Command_handlers_Should_be_sealed_and_named_CommandHandler()
    {
        var handlers = ConcreteClassesImplementing(typeof(ICommandHandler<,>), typeof(ICommandHandler<>));
        handlers.Should().NotBeEmpty();

        handlers.Should().AllSatisfy(t =>
        {
            t.Name.Should().EndWith("CommandHandler");
            t.IsSealed.Should().BeTrue($"{t.Name} must be sealed");
        });
    }

    [Fact]
    public void Query_handlers_Should_be_sealed_and_named_QueryHandler()
    {
        var handlers = ConcreteClassesImplementing(typeof(IQueryHandler<,>));
        handlers.Should().NotBeEmpty();

        handlers.Should().AllSatisfy(t =>
        {
            t.Name.Should().EndWith("QueryHandler");
            t.IsSealed.Should().BeTrue($"{t.Name} must be sealed");
        });
    }

    [Fact]
    public void Validators_Should_be_sealed_and_named_Validator()
    {
        var validators = ConcreteClassesImplementing(typeof(IValidator));
        validators.Should().NotBeEmpty();

        validators.Should().AllSatisfy(t =>
        {
            t.Name.Should().EndWith("Validator");
            t.IsSealed.Should().BeTrue($"{t.Name} must be sealed");
        });
    }

    [Fact]
    public void Commands_and_queries_Should_be_immutable_sealed_records()
    {
        var messages = Commands().Concat(Queries()).ToList();
        Commands().Should().NotBeEmpty();
        Queries().Should().NotBeEmpty();

        messages.Should().AllSatisfy(t =>
        {
            IsRecord(t).Should().BeTrue($"{t.Name} must be a record");
            t.IsSealed.Should().BeTrue($"{t.Name} must be sealed");
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => p.Name)
                .Should().BeEmpty($"{t.Name} must have no public setters");
        });
    }

    [Fact]
    public void Record_and_init_detection_Should_tell_a_mutable_class_from_a_record()
    {
        IsRecord(typeof(MutableSample)).Should().BeFalse();
        IsRecord(typeof(RecordSample)).Should().BeTrue();
        IsInitOnly(typeof(MutableSample).GetProperty(nameof(MutableSample.Value))!.SetMethod!).Should().BeFalse();
        IsInitOnly(typeof(RecordSample).GetProperty(nameof(RecordSample.Value))!.SetMethod!).Should().BeTrue();
    }

    /// <summary>Values parsed once where they enter the module: well-formed by construction, nothing left to validate.</summary>
    private static readonly HashSet<Type> ParsedAtTheEdge =
    [
        typeof(OrganizationId), typeof(ProviderId), typeof(ProviderId?), typeof(VersionPrecondition),
    ];

    private static bool CarriesInput(Type message) =>
        message.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => !ParsedAtTheEdge.Contains(p.PropertyType));

    [Fact]
    public void Every_command_and_query_Should_have_a_validator()
    {
        // A message that carries only values parsed at the edge (an organization, a provider id, an If-Match) has nothing
        // a validator could find wrong; every other one is validated.
        var messages = Commands().Concat(Queries()).Where(CarriesInput).ToList();
        messages.Should().NotBeEmpty();
        Commands().Concat(Queries()).Where(m => !CarriesInput(m)).Should().NotBeEmpty("GetProviderQuery carries ids only");
        var validated = ConcreteClassesImplementing(typeof(IValidator<>))
            .SelectMany(v => v.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        messages.Where(m => !validated.Contains(m)).Select(m => m.Name).Should().BeEmpty("every command and query is validated");
    }

    [Fact]
    public void Validators_Should_not_check_the_values_parsed_at_the_edge()
    {
        var validators = ConcreteClassesImplementing(typeof(IValidator<>));
        validators.Should().NotBeEmpty();
        var registry = new ProviderTypes([new ProviderTypeRegistration(new ProviderType("twilio"), typeof(ProviderResponse))]);

        var rechecked = validators
            .Select(type => (IValidator)(type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type)! : Activator.CreateInstance(type, registry)!))
            .SelectMany(validator =>
            {
                var message = validator.GetType().BaseType!.GetGenericArguments()[0];
                return validator.CreateDescriptor().GetMembersWithValidators()
                    .Select(member => message.GetProperty(member.Key))
                    .Where(property => property is not null && ParsedAtTheEdge.Contains(property.PropertyType))
                    .Select(property => $"{message.Name}.{property!.Name}");
            })
            .ToList();

        rechecked.Should().BeEmpty("organization and provider ids are parsed once, at the edge, and are well-formed from then on");
    }

    [Fact]
    public void Exceptions_in_the_application_Should_be_sealed_or_abstract()
    {
        var exceptions = ApplicationTypes.Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();
        exceptions.Should().NotBeEmpty();

        exceptions.Where(t => !t.IsSealed && !t.IsAbstract).Select(t => t.FullName).Should().BeEmpty();
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private sealed class MutableSample
    {
        public int Value { get; set; }
    }

    private sealed record RecordSample(int Value);
}
