using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Messaging;
using VoipProviders.Contracts;
using VoipProviders.Application.Providers.Commands.DeleteProvider;
using VoipProviders.Application.Providers.Commands.VerifyProvider;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using VoipProviders.Application.Providers.Queries.GetProvider;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Persistence;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>Other modules call in-process through the facade, with the organization in every message.</summary>
public sealed class InProcessModuleTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Another_module_connects_and_reads_a_provider_within_its_organization_only()
    {
        var account = Twilio.AddAccount("Acme Voice");
        await using var scope = Fixture.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();

        var created = await module.ExecuteCommandAsync(
            new CreateTwilioProviderCommand(Org(OrgA), AccountSid.Parse(account.Sid), TwilioAuthToken.From(account.AuthToken), Region: "de1"), CancellationToken.None);
        var read = await module.ExecuteQueryAsync(new GetTwilioProviderQuery(Org(OrgA), Provider(created.Id)), CancellationToken.None);
        var otherOrganization = () => module.ExecuteQueryAsync(new GetTwilioProviderQuery(Org(OrgB), Provider(created.Id)), CancellationToken.None).AsTask();

        read.Should().BeEquivalentTo(created);
        read.TerminationUri.Should().EndWith(".pstn.frankfurt.twilio.com");
        (await Database.CountProvidersAsync()).Should().Be(1, "the unit of work committed without an HTTP request");
        await otherOrganization.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Another_module_verifies_a_provider_of_its_organization_and_sees_the_outcome_stored()
    {
        var id = await ConnectAsync(OrgA);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();

        var verified = await module.ExecuteCommandAsync(new VerifyProviderCommand(Org(OrgA), Provider(id)), CancellationToken.None);
        var otherOrganization = () => module.ExecuteCommandAsync(new VerifyProviderCommand(Org(OrgB), Provider(id)), CancellationToken.None).AsTask();

        verified.Status.Should().Be(VerificationStatus.Verified);
        verified.Checks.Select(c => c.CheckName).Should().Equal(VerificationCheckNames.InOrder);
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        await otherOrganization.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task A_failed_command_leaves_nothing_behind_that_the_callers_next_command_would_commit()
    {
        var first = await ConnectAsync(OrgA);
        var second = await ConnectAsync(OrgA);
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        await using var scope = host.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();
        interceptor.FailNextCommitsBeforeTheServer(times: 1000);

        var failing = () => module.ExecuteCommandAsync(new UpdateTwilioProviderCommand(Org(OrgA), Provider(first), Name: "Never saved"), CancellationToken.None).AsTask();
        await failing.Should().ThrowAsync<Exception>();
        interceptor.FailNextCommitsBeforeTheServer(times: 0);
        await module.ExecuteCommandAsync(new UpdateTwilioProviderCommand(Org(OrgA), Provider(second), Name: "Saved"), CancellationToken.None);

        (await Database.ColumnAsync(second, "name")).Should().Be("Saved");
        (await Database.ColumnAsync(first, "name")).Should().NotBe("Never saved", "the failed rename must not ride along with the next command's commit");
    }

    [Fact]
    public async Task Invalid_in_process_commands_are_rejected_by_the_same_validation()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();

        // The organization and the Account SID are parsed once, where they enter: an empty organization or a malformed
        // Account SID cannot even be built into a command (the HTTP edge answers 400 naming them, see ControlCharacterTests).
        OrganizationId.TryParse(string.Empty, out _).Should().BeFalse();
        AccountSid.TryParse("AC123", out _).Should().BeFalse();

        // What the types cannot guarantee goes through the same validation as an HTTP request.
        var act = () => module.ExecuteCommandAsync(
            new CreateTwilioProviderCommand(Org(OrgA), AccountSid: null, TwilioAuthToken.From("AC123"), Name: "   "), CancellationToken.None).AsTask();

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("accountSid", "authToken", "name");
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_module_updates_with_the_version_it_read_and_deletes_through_the_same_pipeline()
    {
        var id = await ConnectAsync(OrgA);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var module = scope.ServiceProvider.GetRequiredService<IVoipProvidersModule>();
        var read = await module.ExecuteQueryAsync(new GetProviderQuery(Org(OrgA), Provider(id)), CancellationToken.None);

        var renamed = await module.ExecuteCommandAsync(
            new UpdateTwilioProviderCommand(Org(OrgA), Provider(id), Name: "Renamed in-process", IfMatch: VersionPrecondition.Exactly(read.Version)),
            CancellationToken.None);
        var staleDelete = () => module.ExecuteCommandAsync(
            new DeleteProviderCommand(Org(OrgA), Provider(id), VersionPrecondition.Exactly(read.Version)), CancellationToken.None).AsTask();

        renamed.Name.Should().Be("Renamed in-process");
        renamed.Version.Should().BeGreaterThan(read.Version);
        await staleDelete.Should().ThrowAsync<PreconditionFailedException>();
        (await Database.CountProvidersAsync()).Should().Be(1);

        await module.ExecuteCommandAsync(new DeleteProviderCommand(Org(OrgA), Provider(id), VersionPrecondition.Exactly(renamed.Version)), CancellationToken.None);

        (await Database.CountProvidersAsync()).Should().Be(0);
        await EventuallyAsync(() => Task.FromResult(Twilio.Trunks.Count == 0), "the clean-up ran for an in-process delete too");
    }

    [Fact]
    public async Task A_background_job_sent_through_the_facade_is_refused_and_changes_nothing()
    {
        var id = await ConnectAsync(OrgA);
        Twilio.ClearRequests();
        var module = Fixture.Services.GetRequiredService<IVoipProvidersModule>();

        // Another organization's module names OrgA's provider by id alone: the job would verify it (and store the result).
        var send = () => module.ExecuteCommandAsync(new VerifyProviderAfterChangeCommand(id, Version: 1), CancellationToken.None).AsTask();

        (await send.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain(nameof(VerifyProviderAfterChangeCommand)).And.Contain("carries no organization");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("pending");
        (await Database.ColumnAsync(id, "last_verified_at")).Should().BeNull();
    }

    /// <summary>Every job and scheduler step of the module, built with empty ids: each is refused before any handler runs.</summary>
    public static TheoryData<Type> ModuleInternalCommands => [.. typeof(IModuleInternalCommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IModuleInternalCommand).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ModuleInternalCommands))]
    public async Task Every_command_only_the_module_sends_is_refused_by_the_facade(Type commandType)
    {
        var constructor = commandType.GetConstructors().Single();
        var command = constructor.Invoke([.. constructor.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)]);
        var execute = typeof(IVoipProvidersModule).GetMethod(nameof(IVoipProvidersModule.ExecuteCommandAsync))!
            .MakeGenericMethod(commandType.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Mediator.ICommand<>)).GetGenericArguments());
        var module = Fixture.Services.GetRequiredService<IVoipProvidersModule>();

        var send = async () =>
        {
            var pending = execute.Invoke(module, [command, CancellationToken.None])!;
            await (Task)pending.GetType().GetMethod("AsTask")!.Invoke(pending, null)!;
        };

        await send.Should().ThrowAsync<InvalidOperationException>().WithMessage($"{commandType.Name} is one of the VoipProviders module's own jobs*");
        Twilio.Requests.Should().BeEmpty();
    }
}
