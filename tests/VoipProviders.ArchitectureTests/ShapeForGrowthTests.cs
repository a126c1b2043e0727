using System.Reflection;
using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Messaging;
using VoipProviders.Web.Infrastructure;

namespace VoipProviders.ArchitectureTests;

/// <summary>
/// The conventions that make a new use case additive: its endpoints sit in a discovered group, its failures derive
/// from the expected-failure base, its background jobs are named commands.
/// </summary>
public sealed class ShapeForGrowthTests
{
    private static readonly IReadOnlyList<Type> ApplicationTypes = ProductionAssemblies.DeclaredTypes(ProductionAssemblies.Application);

    [Fact]
    public void Every_endpoint_group_Should_be_sealed_and_found_by_the_mapping()
    {
        var groups = ProductionAssemblies.DeclaredTypes(ProductionAssemblies.Web)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .ToList();
        groups.Should().NotBeEmpty();

        groups.Should().AllSatisfy(t => t.IsSealed.Should().BeTrue($"{t.Name} must be sealed"));
        EndpointGroupExtensions.GroupTypes.Should().BeEquivalentTo(groups, "MapEndpointGroups maps every group and nothing else");
    }

    [Fact]
    public void Failures_of_the_application_Should_derive_from_the_expected_failure_base_or_be_bugs()
    {
        var exceptions = ApplicationTypes.Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        exceptions.Should().NotBeEmpty();

        exceptions.Should().AllSatisfy(t => typeof(ExpectedFailureException).IsAssignableFrom(t).Should().BeTrue(
            $"{t.Name} is thrown to callers, so it must say its kind, code and caller-safe detail"));
    }

    [Fact]
    public void Every_background_job_Should_be_a_named_command_record_with_a_handler()
    {
        var jobs = ApplicationTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBackgroundJob).IsAssignableFrom(t)).ToList();
        jobs.Should().NotBeEmpty();
        var handled = ApplicationTypes
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        jobs.Should().AllSatisfy(job =>
        {
            job.GetCustomAttribute<BackgroundJobAttribute>().Should().NotBeNull($"{job.Name} needs a stable stored name");
            typeof(ICommand<BackgroundJobOutcome>).IsAssignableFrom(job).Should().BeTrue($"{job.Name} runs through the mediator pipeline");
            handled.Should().Contain(job, $"{job.Name} needs a handler");
        });
        jobs.Select(j => j.GetCustomAttribute<BackgroundJobAttribute>()!.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Background_jobs_Should_carry_no_secrets()
    {
        var jobs = ApplicationTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBackgroundJob).IsAssignableFrom(t)).ToList();
        jobs.Should().NotBeEmpty();

        jobs.SelectMany(job => job.GetProperties().Select(p => (job, p)))
            .Should().AllSatisfy(member => (member.p.PropertyType == typeof(Guid) || member.p.PropertyType == typeof(long) || member.p.PropertyType == typeof(string) && !member.p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase))
                .Should().BeTrue($"{member.job.Name}.{member.p.Name}: a job stores ids (and versions) and reads credentials when it runs"));
    }

    /// <summary>
    /// A command without an organization acts on whatever its ids name: only the module may send it (the facade refuses
    /// every <see cref="IModuleInternalCommand"/>), except the operator's retry of parked deliveries, which is documented
    /// for in-process use.
    /// </summary>
    [Fact]
    public void Every_command_without_an_organization_Should_be_one_the_facade_refuses()
    {
        var commands = ApplicationTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBaseCommand).IsAssignableFrom(t)).ToList();
        commands.Should().NotBeEmpty();

        commands
            .Where(c => c.GetProperty("OrganizationId") is null && !typeof(IModuleInternalCommand).IsAssignableFrom(c))
            .Select(c => c.Name)
            .Should().BeEquivalentTo(["RetryParkedDeliveriesCommand"], "another module must not run a command scoped to no organization");
    }
}
