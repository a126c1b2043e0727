using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Commands.DeleteProvider;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class DeleteProviderCommandHandlerTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";

    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioResourceCleanupRepository _cleanups = new();
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<TwilioProviderDeletion> _logger = new();
    private readonly DeleteProviderCommandHandler _handler;
    private readonly TwilioProvider _provider;

    public DeleteProviderCommandHandlerTests()
    {
        _handler = new DeleteProviderCommandHandler(
            [new TwilioProviderDeletion(_providers, _cleanups, _phoneNumbers, new FakeAuthTokenRotations(), _jobs, new ProviderChanges(_outbox, _audit), new RepairLeftovers(new FakeTwilioGateway(), NullLogger<RepairLeftovers>.Instance), _protector, _time, _logger)]);
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        _providers.Seed(_provider);
        _time.Advance(TimeSpan.FromDays(10));
    }

    private DeleteProviderCommand Command(
        OrganizationId? organizationId = null,
        ProviderId? providerId = null,
        VersionPrecondition? ifMatch = null) =>
        new(organizationId ?? TestValues.OrganizationId, providerId ?? _provider.Id, ifMatch);

    private async Task HandleAsync(DeleteProviderCommand command) => await _handler.Handle(command, CancellationToken.None);

    private void NothingShouldHaveChanged()
    {
        _providers.Removed.Should().BeEmpty();
        _cleanups.Stored.Should().BeEmpty();
        _jobs.Enqueued.Should().BeEmpty();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_remove_the_provider()
    {
        await HandleAsync(Command());

        _providers.Removed.Should().ContainSingle().Which.Should().BeSameAs(_provider);
        (await _providers.FindAsync(TestValues.OrganizationId, _provider.Id, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Handle_Should_plan_a_clean_up_of_the_providers_trunk_and_credential_list_in_its_account()
    {
        await HandleAsync(Command());

        var cleanup = _cleanups.Stored.Should().ContainSingle().Subject;
        cleanup.Id.Should().NotBeEmpty();
        cleanup.ProviderId.Should().Be(_provider.Id);
        cleanup.OrganizationId.Should().Be(TestValues.OrganizationId);
        cleanup.AccountSid.Should().Be(TestValues.AccountSid);
        cleanup.TrunkSid.Should().Be(TrunkSid);
        cleanup.CredentialListSid.Should().Be(CredentialListSid);
        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.FailedAttempts.Should().Be(0);
        cleanup.LastFailure.Should().BeNull();
        cleanup.RequestedAt.Should().Be(_time.GetUtcNow());
        cleanup.UpdatedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task Handle_Should_keep_the_auth_token_protected_and_bound_to_the_deleted_provider()
    {
        await HandleAsync(Command());

        var cleanup = _cleanups.Stored.Single();
        cleanup.AuthToken.Should().Be(_provider.AuthToken);
        cleanup.AuthToken!.Value.CipherText.Should().NotContain(TestValues.AuthToken);
        _protector.Unprotect(TwilioSecrets.AuthToken, _provider.Id.Value, cleanup.AuthToken.Value).Should().Be(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_enqueue_one_clean_up_job_carrying_only_the_clean_up_id()
    {
        await HandleAsync(Command());

        var cleanup = _cleanups.Stored.Single();
        _jobs.Enqueued.Should().ContainSingle()
            .Which.Should().Be(new CleanUpTwilioResourcesCommand(cleanup.Id));
    }

    [Fact]
    public async Task Handle_Should_give_the_clean_up_a_time_ordered_id()
    {
        await HandleAsync(Command());

        _cleanups.Stored.Single().Id.Version.Should().Be(7);
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_and_change_nothing_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await HandleAsync(Command(providerId: unknownId));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_and_change_nothing_When_the_provider_belongs_to_another_organization()
    {
        var act = async () => await HandleAsync(Command(organizationId: TestValues.OtherOrganizationId));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Kind.Should().Be(FailureKind.NotFound);
        NothingShouldHaveChanged();
        (await _providers.FindAsync(TestValues.OrganizationId, _provider.Id, CancellationToken.None)).Should().BeSameAs(_provider);
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_and_change_nothing_When_if_match_names_another_version()
    {
        var act = async () => await HandleAsync(Command(ifMatch: VersionPrecondition.Exactly(2)));

        (await act.Should().ThrowAsync<PreconditionFailedException>()).Which.Kind.Should().Be(FailureKind.PreconditionFailed);
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_not_a_validation_error_and_change_nothing_When_if_match_is_unsatisfiable()
    {
        // Was DeleteProviderCommandValidatorTests.Validate_Should_pass_When_an_if_match_precondition_is_given: the
        // command has no validator any more; a stale precondition is a 412, not a 400.
        var act = async () => await HandleAsync(Command(ifMatch: VersionPrecondition.Unsatisfiable));

        (await act.Should().ThrowAsync<PreconditionFailedException>()).Which.Kind.Should().Be(FailureKind.PreconditionFailed);
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_and_change_nothing_When_the_provider_changed_since_it_was_read()
    {
        _provider.Rename("Renamed meanwhile", TestValues.Start.AddDays(1));

        var act = async () => await HandleAsync(Command(ifMatch: VersionPrecondition.Exactly(1)));

        await act.Should().ThrowAsync<PreconditionFailedException>();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_delete_When_if_match_names_the_current_version()
    {
        _provider.Rename("Renamed meanwhile", TestValues.Start.AddDays(1));

        await HandleAsync(Command(ifMatch: VersionPrecondition.AnyOf([1, 2])));

        _providers.Removed.Should().ContainSingle();
        _cleanups.Stored.Should().ContainSingle();
        _jobs.Enqueued.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_log_what_the_clean_up_will_remove_without_any_secret()
    {
        await HandleAsync(Command());

        var cleanup = _cleanups.Stored.Single();
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Information);
        record.Message.Should().Contain(_provider.Id.ToString())
            .And.Contain(cleanup.Id.ToString())
            .And.Contain(TrunkSid)
            .And.Contain(CredentialListSid)
            .And.NotContain(TestValues.AuthToken)
            .And.NotContain(_provider.AuthToken.CipherText);
        record.StructuredState!.Select(pair => pair.Value).Should()
            .NotContain(value => value != null && (value.Contains(TestValues.AuthToken, StringComparison.Ordinal)
                || value.Contains(_provider.AuthToken.CipherText, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Handle_Should_plan_a_clean_up_without_numbers_When_the_provider_imported_none()
    {
        await HandleAsync(Command());

        _cleanups.Stored.Single().PhoneNumberSids.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_carry_the_SIDs_of_every_number_the_provider_imported_into_the_clean_up()
    {
        var other = TestValues.ConnectedProvider(_protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 3));
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 2));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));

        await HandleAsync(Command());

        _cleanups.Stored.Single().PhoneNumberSids.Should().Equal(TestValues.PhoneNumberSid(3), TestValues.PhoneNumberSid(1));
    }

    [Fact]
    public async Task Handle_Should_remove_exactly_the_numbers_it_read_with_the_provider()
    {
        var other = TestValues.ConnectedProvider(_protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 3));
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 2));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));

        await HandleAsync(Command());

        // Not left to a cascade: a number imported after this read makes the database refuse the provider's delete.
        _phoneNumbers.Removed.Select(n => n.PhoneNumberSid).Should().Equal(TestValues.PhoneNumberSid(3), TestValues.PhoneNumberSid(1));
    }

    [Fact]
    public async Task Handle_Should_announce_each_number_as_removed_with_the_provider_and_then_the_provider_as_deleted()
    {
        var first = TestValues.ImportedNumber(_provider, 1);
        var second = TestValues.ImportedNumber(_provider, 2);
        _phoneNumbers.Seed(first);
        _phoneNumbers.Seed(second);
        var firstReference = new PhoneNumberReference(TestValues.OrganizationId.Value, first.Id, _provider.Id.Value, first.PhoneNumberSid, "+14155550001");
        var secondReference = new PhoneNumberReference(TestValues.OrganizationId.Value, second.Id, _provider.Id.Value, second.PhoneNumberSid, "+14155550002");

        await HandleAsync(Command());

        _outbox.Added.Should().HaveCount(3);
        _outbox.Added.Should().AllSatisfy(e =>
        {
            e.OrganizationId.Should().Be(TestValues.OrganizationId.Value);
            e.ProviderId.Should().Be(_provider.Id.Value);
            e.ProviderVersion.Should().Be(_provider.Version);
        });
        _outbox.Added[0].Should().BeOfType<PhoneNumberRemoved>()
            .Which.Should().BeEquivalentTo(new { PhoneNumber = firstReference, Forced = false, WithProvider = true });
        _outbox.Added[1].Should().BeOfType<PhoneNumberRemoved>()
            .Which.Should().BeEquivalentTo(new { PhoneNumber = secondReference, Forced = false, WithProvider = true });
        _outbox.Added[2].Should().BeOfType<ProviderDeleted>()
            .Which.RemovedPhoneNumbers.Should().Equal(firstReference, secondReference);
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_deleted_resources()
    {
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 2));

        await HandleAsync(Command());

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.ProviderDeleted);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details["name"].Should().Be(_provider.Name);
        record.Details["accountSid"].Should().Be(_provider.AccountSid.Value);
        record.Details["trunkSid"].Should().Be(TestValues.TrunkSid);
        record.Details["cleanupId"].Should().Be(_cleanups.Stored.Single().Id);
        record.Details["removedPhoneNumberSids"].Should().BeEquivalentTo(
            new[] { TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(2) }, options => options.WithStrictOrdering());
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_announce_only_the_provider_as_deleted_When_it_imported_no_number()
    {
        _phoneNumbers.Seed(TestValues.ImportedNumber(TestValues.ConnectedProvider(_protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef")), 1));

        await HandleAsync(Command());

        _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderDeleted>()
            .Which.RemovedPhoneNumbers.Should().BeEmpty();
        _audit.Recorded.Should().ContainSingle().Which.Details["removedPhoneNumberSids"].Should().BeEquivalentTo(Array.Empty<string>());
    }

    [Fact]
    public async Task Handle_Should_publish_nothing_When_the_provider_is_not_found()
    {
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));

        var act = async () => await HandleAsync(Command(organizationId: TestValues.OtherOrganizationId));

        await act.Should().ThrowAsync<NotFoundException>();
        NothingShouldHaveChanged();
    }
}
