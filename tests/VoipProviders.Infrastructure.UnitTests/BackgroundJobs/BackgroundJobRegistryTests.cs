using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.UnitTests.BackgroundJobs;

public sealed class BackgroundJobRegistryTests
{
    [Fact]
    public void The_application_jobs_Should_be_registered_under_their_stable_names()
    {
        var registry = BackgroundJobRegistry.FromApplication();

        registry.Names.Should().Contain("twilio-resource-cleanup");
        registry.TryGetType("twilio-resource-cleanup", out var type).Should().BeTrue();
        type.Should().Be<CleanUpTwilioResourcesCommand>();
        registry.NameOf(typeof(CleanUpTwilioResourcesCommand)).Should().Be("twilio-resource-cleanup");
    }

    [Fact]
    public void An_unknown_name_or_type_Should_not_resolve()
    {
        var registry = BackgroundJobRegistry.FromApplication();

        registry.TryGetType("no-such-job", out _).Should().BeFalse();
        var nameOf = () => registry.NameOf(typeof(string));
        nameOf.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_job_without_a_name_Should_stop_the_host_from_starting()
    {
        var build = () => new BackgroundJobRegistry([typeof(Unnamed)]);

        build.Should().Throw<InvalidOperationException>().WithMessage("*needs a [BackgroundJob*");
    }

    [Fact]
    public void Two_jobs_with_one_name_Should_stop_the_host_from_starting()
    {
        var build = () => new BackgroundJobRegistry([typeof(First), typeof(Second)]);

        build.Should().Throw<InvalidOperationException>().WithMessage("*share the name 'same'*");
    }

    [Fact]
    public void A_job_that_is_not_a_command_Should_stop_the_host_from_starting()
    {
        var build = () => new BackgroundJobRegistry([typeof(NotACommand)]);

        build.Should().Throw<InvalidOperationException>().WithMessage("*must be an ICommand<BackgroundJobOutcome>*");
    }

    [Fact]
    public void A_stored_job_Should_read_back_as_the_same_record()
    {
        var job = new CleanUpTwilioResourcesCommand(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

        var payload = BackgroundJobSerializer.Serialize(job);

        payload.Should().Be("""{"cleanupId":"0199f6a2-4c1e-7b3d-9a10-1234567890ab"}""");
        BackgroundJobSerializer.Deserialize(payload, typeof(CleanUpTwilioResourcesCommand)).Should().Be(job);
    }

    private sealed record Unnamed(Guid Id) : ICommand<BackgroundJobOutcome>, IBackgroundJob;

    [BackgroundJob("same")]
    private sealed record First(Guid Id) : ICommand<BackgroundJobOutcome>, IBackgroundJob;

    [BackgroundJob("same")]
    private sealed record Second(Guid Id) : ICommand<BackgroundJobOutcome>, IBackgroundJob;

    [BackgroundJob("not-a-command")]
    private sealed record NotACommand(Guid Id) : IBackgroundJob;
}
