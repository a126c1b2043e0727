using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class UpdateTwilioProviderCommandHandlerTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";

    /// <summary>The provider's stored token differs from the shared sample, so a call made with it can only come from unprotecting it.</summary>
    private const string StoredToken = "abcdefabcdefabcdefabcdefabcdef01";

    private static readonly TwilioCredentials StoredCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(StoredToken));

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly VerificationOptions _verification = new();
    private readonly UpdateTwilioProviderCommandHandler _handler;
    private TwilioProvider _provider;

    public UpdateTwilioProviderCommandHandlerTests()
    {
        _handler = new UpdateTwilioProviderCommandHandler(_providers, _twilio, _protector, _unitOfWork, _jobs, new VerificationAfterChange(_jobs, Options.Create(_verification)), new ProviderChanges(_outbox, _audit), TestValues.Mappings(), _time);
        _provider = Seed(supportsCallTransfer: false);
        _time.Advance(TimeSpan.FromDays(30));
    }

    private TwilioProvider Seed(bool supportsCallTransfer, TwilioRegion? region = null)
    {
        var provider = TestValues.ConnectedProvider(
            _protector, authToken: StoredToken, region: region ?? TwilioRegion.Us1, now: TestValues.Start, supportsCallTransfer: supportsCallTransfer);
        _providers.Seed(provider);
        _twilio.Trunks[provider.TrunkSid] = provider.TrunkDomainName;
        if (supportsCallTransfer)
        {
            _twilio.TransferEnabledTrunks.Add(provider.TrunkSid);
        }

        return provider;
    }

    /// <summary>Replaces the default provider with one whose trunk allows call transfer.</summary>
    private void UseProviderWithCallTransfer()
    {
        var id = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000cafe");
        var provider = TestValues.ConnectedProvider(
            _protector, id: id, authToken: StoredToken, now: TestValues.Start, supportsCallTransfer: true);
        _providers.Seed(provider);
        _twilio.TransferEnabledTrunks.Add(provider.TrunkSid);
        _provider = provider;
    }

    private UpdateTwilioProviderCommand Command(
        string? name = null,
        string? region = null,
        bool? supportsCallTransfer = null,
        VersionPrecondition? ifMatch = null,
        OrganizationId? organizationId = null,
        ProviderId? providerId = null) =>
        new(organizationId ?? TestValues.OrganizationId, providerId ?? _provider.Id, name, region, supportsCallTransfer, ifMatch);

    private async Task<TwilioProviderResponse> HandleAsync(UpdateTwilioProviderCommand command) =>
        await _handler.Handle(command, CancellationToken.None);

    private void ProviderShouldBeAsSeeded(bool supportsCallTransfer = false)
    {
        _provider.Name.Should().Be("Main Twilio");
        _provider.Region.Should().BeSameAs(TwilioRegion.Us1);
        _provider.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.ashburn.twilio.com");
        _provider.SupportsCallTransfer.Should().Be(supportsCallTransfer);
        _provider.Version.Should().Be(1);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await HandleAsync(Command(supportsCallTransfer: true, providerId: unknownId));

        var thrown = (await act.Should().ThrowAsync<NotFoundException>()).Which;
        thrown.Id.Should().Be(unknownId.ToString());
        thrown.Resource.Should().Be("Twilio provider");
        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_or_changing_anything_When_the_provider_belongs_to_another_organization()
    {
        var act = async () => await HandleAsync(
            Command(name: "Hijacked", region: "ie1", supportsCallTransfer: true, organizationId: TestValues.OtherOrganizationId));

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
        _twilio.TransferEnabledTrunks.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_before_calling_Twilio_When_if_match_names_another_version()
    {
        var act = async () => await HandleAsync(
            Command(name: "Backup Twilio", region: "ie1", supportsCallTransfer: true, ifMatch: VersionPrecondition.Exactly(2)));

        (await act.Should().ThrowAsync<PreconditionFailedException>()).Which.Kind.Should().Be(FailureKind.PreconditionFailed);
        _twilio.Calls.Should().BeEmpty();
        _twilio.TransferEnabledTrunks.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_without_calling_Twilio_When_if_match_is_unsatisfiable()
    {
        var act = async () => await HandleAsync(Command(supportsCallTransfer: true, ifMatch: VersionPrecondition.Unsatisfiable));

        await act.Should().ThrowAsync<PreconditionFailedException>();
        _twilio.Calls.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_check_if_match_against_the_current_version_When_the_provider_changed_since_it_was_read()
    {
        _provider.Rename("Renamed meanwhile", TestValues.Start.AddDays(1));

        var stale = async () => await HandleAsync(Command(name: "Backup Twilio", ifMatch: VersionPrecondition.Exactly(1)));
        await stale.Should().ThrowAsync<PreconditionFailedException>();
        _provider.Name.Should().Be("Renamed meanwhile");

        var response = await HandleAsync(Command(name: "Backup Twilio", ifMatch: VersionPrecondition.Exactly(2)));
        response.Name.Should().Be("Backup Twilio");
        response.Version.Should().Be(3);
    }

    [Fact]
    public async Task Handle_Should_apply_the_change_When_any_accepted_version_is_the_current_one()
    {
        var response = await HandleAsync(Command(supportsCallTransfer: true, ifMatch: VersionPrecondition.AnyOf([7, 1])));

        response.SupportsCallTransfer.Should().BeTrue();
        _provider.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_rename_without_calling_Twilio_When_only_the_name_is_sent()
    {
        var now = _time.GetUtcNow();

        var response = await HandleAsync(Command(name: "Backup Twilio"));

        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        _provider.Name.Should().Be("Backup Twilio");
        _provider.Region.Should().BeSameAs(TwilioRegion.Us1);
        _provider.SupportsCallTransfer.Should().BeFalse();
        _provider.Version.Should().Be(2);
        _provider.UpdatedAt.Should().Be(now);
        response.Name.Should().Be("Backup Twilio");
        response.Version.Should().Be(2);
        response.UpdatedAt.Should().Be(now);
        response.CreatedAt.Should().Be(TestValues.Start);
    }

    [Fact]
    public async Task Handle_Should_move_the_termination_uri_without_calling_Twilio_When_only_the_region_is_sent()
    {
        var response = await HandleAsync(Command(region: "ie1"));

        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        _provider.Region.Should().BeSameAs(TwilioRegion.Ie1);
        _provider.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.dublin.twilio.com");
        _provider.TrunkDomainName.Should().Be("vp-0123456789abcdef.pstn.twilio.com");
        _provider.Name.Should().Be("Main Twilio");
        _provider.Version.Should().Be(2);
        response.Region.Should().Be("ie1");
        response.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.dublin.twilio.com");
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_count_each_change_When_the_name_and_region_change_together()
    {
        var response = await HandleAsync(Command(name: "Backup Twilio", region: "de1"));

        _twilio.Calls.Should().BeEmpty();
        response.Name.Should().Be("Backup Twilio");
        response.Region.Should().Be("de1");
        response.Version.Should().Be(3, "every change increments the version");
        _provider.Version.Should().Be(3);
    }

    [Fact]
    public async Task Handle_Should_check_the_account_then_set_the_trunks_transfer_mode_with_the_stored_credentials_When_call_transfer_is_enabled()
    {
        var response = await HandleAsync(Command(supportsCallTransfer: true));

        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode);
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(StoredCredentials));
        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Single().Arguments.Should().Equal(TrunkSid, true);
        _twilio.TransferEnabledTrunks.Should().Equal(TrunkSid);
        _provider.SupportsCallTransfer.Should().BeTrue();
        _provider.Version.Should().Be(2);
        _provider.UpdatedAt.Should().Be(_time.GetUtcNow());
        response.SupportsCallTransfer.Should().BeTrue();
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_disable_transfer_on_the_trunk_When_call_transfer_is_turned_off()
    {
        UseProviderWithCallTransfer();

        var response = await HandleAsync(Command(supportsCallTransfer: false));

        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode);
        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Single().Arguments.Should().Equal(TrunkSid, false);
        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Single().Credentials.Should().Be(StoredCredentials);
        _twilio.TransferEnabledTrunks.Should().BeEmpty();
        _provider.SupportsCallTransfer.Should().BeFalse();
        response.SupportsCallTransfer.Should().BeFalse();
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_change_the_provider_only_after_Twilio_changed_the_trunk()
    {
        var seenByTwilio = new List<(string Operation, bool SupportsCallTransfer, long Version)>();
        _twilio.BeforeCall = operation => seenByTwilio.Add((operation, _provider.SupportsCallTransfer, _provider.Version));

        await HandleAsync(Command(name: "Backup Twilio", supportsCallTransfer: true));

        seenByTwilio.Should().Equal(
            (GatewayOperation.FetchAccount, false, 1L),
            (GatewayOperation.UpdateTrunkTransferMode, false, 1L));
        _provider.SupportsCallTransfer.Should().BeTrue();
        _provider.Name.Should().Be("Backup Twilio");
        _provider.Version.Should().Be(3);
    }

    [Fact]
    public async Task Handle_Should_apply_all_three_changes_When_all_are_sent()
    {
        var response = await HandleAsync(Command(name: "Backup Twilio", region: "sg1", supportsCallTransfer: true));

        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode);
        response.Name.Should().Be("Backup Twilio");
        response.Region.Should().Be("sg1");
        response.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.singapore.twilio.com");
        response.SupportsCallTransfer.Should().BeTrue();
        response.Version.Should().Be(4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handle_Should_neither_call_Twilio_nor_change_the_version_When_call_transfer_already_has_the_sent_value(bool current)
    {
        if (current)
        {
            UseProviderWithCallTransfer();
        }

        var response = await HandleAsync(Command(supportsCallTransfer: current));

        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        _provider.Version.Should().Be(1);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
        response.Version.Should().Be(1);
        response.UpdatedAt.Should().Be(TestValues.Start);
    }

    [Fact]
    public async Task Handle_Should_change_nothing_When_every_sent_value_equals_the_current_one()
    {
        var response = await HandleAsync(Command(name: "Main Twilio", region: "us1", supportsCallTransfer: false));

        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
        response.Version.Should().Be(1);
    }

    [Fact]
    public async Task Handle_Should_only_rename_without_calling_Twilio_When_call_transfer_is_sent_unchanged_with_a_new_name()
    {
        var response = await HandleAsync(Command(name: "Backup Twilio", supportsCallTransfer: false));

        _twilio.Calls.Should().BeEmpty();
        response.Name.Should().Be("Backup Twilio");
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_throw_trunk_missing_and_change_nothing_When_Twilio_no_longer_knows_the_trunk()
    {
        _twilio.Trunks.Clear();

        var act = async () => await HandleAsync(Command(name: "Backup Twilio", supportsCallTransfer: true));

        var thrown = (await act.Should().ThrowAsync<TwilioTrunkMissingException>()).Which;
        thrown.TrunkSid.Should().Be(TrunkSid);
        thrown.HttpStatus.Should().Be(404);
        thrown.Kind.Should().Be(FailureKind.Unprocessable);
        thrown.InnerException.Should().BeOfType<TwilioResourceNotFoundException>();
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode);
        _unitOfWork.CompensationDescriptions.Should().BeEmpty("Twilio changed nothing, so there is nothing to undo");
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_propagate_the_rejection_and_change_neither_transfer_nor_name_When_Twilio_rejects_the_stored_credentials()
    {
        var rejected = new TwilioCredentialsRejectedException(20003, 401);
        _twilio.FailOn(GatewayOperation.FetchAccount, rejected);

        var act = async () => await HandleAsync(Command(name: "Backup Twilio", region: "ie1", supportsCallTransfer: true));

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.Should().BeSameAs(rejected);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        _twilio.TransferEnabledTrunks.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_propagate_and_change_nothing_When_the_account_is_no_longer_active()
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", "suspended");

        var act = async () => await HandleAsync(Command(name: "Backup Twilio", supportsCallTransfer: true));

        (await act.Should().ThrowAsync<TwilioAccountNotActiveException>()).Which.AccountStatus.Should().Be("suspended");
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_propagate_change_neither_transfer_nor_name_and_restore_the_trunk_When_Twilio_is_unavailable_for_the_trunk_update()
    {
        // Twilio applied the change, then failed every attempt: the outcome is unknown to us, so the trunk is brought
        // back in line with the stored row when the command does not commit.
        var unavailable = new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503);
        _twilio.FailOn(GatewayOperation.UpdateTrunkTransferMode, unavailable, afterEffect: true);

        var act = async () => await HandleAsync(Command(name: "Backup Twilio", region: "ie1", supportsCallTransfer: true));

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(unavailable);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode);
        ProviderShouldBeAsSeeded();
        _unitOfWork.CompensationDescriptions.Should().ContainSingle().Which.Should().Contain("TransferMode");

        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Select(c => c.Arguments[1]).Should().Equal(true, false);
        _twilio.TransferEnabledTrunks.Should().BeEmpty("the trunk follows the stored row again");
    }

    [Fact]
    public async Task Handle_Should_propagate_and_change_nothing_When_Twilio_is_unavailable_for_the_account_check()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var act = async () => await HandleAsync(Command(name: "Backup Twilio", supportsCallTransfer: true));

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        ProviderShouldBeAsSeeded();
    }

    /// <summary>
    /// The provider as the database holds it, apart from the tracked instance the handler changes in memory — what the
    /// compensation reads back after the commit failed.
    /// </summary>
    private void CommittedRowShows(bool supportsCallTransfer) =>
        _providers.CommittedByOthers = TestValues.ConnectedProvider(
            _protector, id: _provider.Id.Value, authToken: StoredToken, now: TestValues.Start, supportsCallTransfer: supportsCallTransfer);

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_disables_transfer_again_When_it_enabled_it_and_the_commit_fails()
    {
        CommittedRowShows(supportsCallTransfer: false);

        await HandleAsync(Command(supportsCallTransfer: true));

        _unitOfWork.CompensationDescriptions.Should().ContainSingle().Which.Should().Contain(TrunkSid);

        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        var calls = _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).ToList();
        calls.Should().HaveCount(2);
        calls[1].Arguments.Should().Equal(TrunkSid, false);
        calls[1].Credentials.Should().Be(StoredCredentials);
        _twilio.TransferEnabledTrunks.Should().BeEmpty("the trunk is back to what the stored row describes");
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_enables_transfer_again_When_it_disabled_it_and_the_commit_fails()
    {
        UseProviderWithCallTransfer();
        CommittedRowShows(supportsCallTransfer: true);

        await HandleAsync(Command(supportsCallTransfer: false));
        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Select(c => c.Argument<bool>(1)).Should().Equal(false, true);
        _twilio.TransferEnabledTrunks.Should().Equal(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_compensate_to_what_a_concurrent_winner_committed_not_blindly_to_the_old_value()
    {
        // This request enables transfer; another one enabled it too and committed first, so this commit loses the race.
        CommittedRowShows(supportsCallTransfer: true);

        await HandleAsync(Command(supportsCallTransfer: true));
        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Select(c => c.Argument<bool>(1)).Should().Equal(true, true);
        _twilio.TransferEnabledTrunks.Should().ContainSingle("the trunk must match the winner's stored row").Which.Should().Be(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_leaves_the_trunk_alone_When_the_provider_is_no_longer_stored()
    {
        // Visible to this unit of work but not committed: FindCommittedAsync finds nothing, as after a concurrent delete.
        var id = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000dead");
        var uncommitted = TestValues.ConnectedProvider(_protector, id: id, authToken: StoredToken, now: TestValues.Start);
        _providers.Add(uncommitted);

        await HandleAsync(Command(supportsCallTransfer: true, providerId: ProviderId.From(id)));
        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Should().ContainSingle("there is no stored row to bring the trunk in line with");
    }

    [Fact]
    public async Task Handle_Should_leave_no_compensation_behind_once_the_change_is_committed()
    {
        await HandleAsync(Command(supportsCallTransfer: true));
        await _unitOfWork.CommitAsync(CancellationToken.None);
        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.UpdateTrunkTransferMode).Should().ContainSingle();
        _twilio.TransferEnabledTrunks.Should().Equal(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_record_the_update_time_in_UTC_to_the_microsecond()
    {
        _time.Advance(TimeSpan.FromTicks(1_234_567));
        var expected = Timestamps.Normalize(_time.GetUtcNow());

        var response = await HandleAsync(Command(name: "Backup Twilio"));

        _provider.UpdatedAt.UtcTicks.Should().Be(expected.UtcTicks);
        _provider.UpdatedAt.UtcTicks.Should().NotBe(_time.GetUtcNow().UtcTicks, "the clock's ticks below the microsecond are dropped");
        response.UpdatedAt.Should().Be(_provider.UpdatedAt);
    }

    [Fact]
    public async Task Handle_Should_queue_the_verification_of_the_final_version_When_the_trunks_transfer_mode_changed()
    {
        await HandleAsync(Command(supportsCallTransfer: true, name: "Backup Twilio"));

        _jobs.Enqueued.Should().Equal(new VerifyProviderAfterChangeCommand(_provider.Id.Value, 3));
    }

    [Theory]
    [InlineData("Backup Twilio", null, null)]
    [InlineData(null, "ie1", null)]
    [InlineData(null, null, false)]
    public async Task Handle_Should_queue_no_verification_When_nothing_changed_in_Twilio(string? name, string? region, bool? supportsCallTransfer)
    {
        await HandleAsync(Command(name: name, region: region, supportsCallTransfer: supportsCallTransfer));

        _jobs.Enqueued.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_answer_with_the_imported_number_count_read_with_the_provider()
    {
        _providers.PhoneNumberCount = 3;

        var response = await HandleAsync(Command(name: "Backup Twilio"));

        response.PhoneNumberCount.Should().Be(3);
        response.Name.Should().Be("Backup Twilio");
    }

    // ----- Integration event and audit trail -----

    [Fact]
    public async Task Handle_Should_announce_the_renamed_provider_with_its_new_version()
    {
        await HandleAsync(Command(name: "Backup Twilio"));

        var updated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderUpdated>().Subject;
        updated.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId.Value,
            ProviderId = _provider.Id.Value,
            ProviderVersion = 2L,
            ChangedFields = new[] { "name" },
            Name = "Backup Twilio",
            Region = "us1",
            TerminationUri = "sip:vp-0123456789abcdef.pstn.ashburn.twilio.com",
            SecureTrunking = false,
            SupportsCallTransfer = false,
        });
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_old_and_new_value_of_the_changed_fields_only()
    {
        await HandleAsync(Command(name: "Backup Twilio", region: "us1", supportsCallTransfer: false));

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.ProviderUpdated);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details.Keys.Should().Equal("changes");
        JsonSerializer.Serialize(record.Details["changes"]).Should().Be("""{"name":{"old":"Main Twilio","new":"Backup Twilio"}}""");
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(StoredToken);
    }

    [Fact]
    public async Task Handle_Should_name_the_region_but_not_the_termination_uri_as_changed_fields_When_the_region_moves()
    {
        await HandleAsync(Command(region: "ie1"));

        var updated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderUpdated>().Subject;
        updated.ChangedFields.Should().Equal("region");
        updated.Region.Should().Be("ie1");
        updated.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.dublin.twilio.com");
        JsonSerializer.Serialize(_audit.Recorded.Should().ContainSingle().Which.Details["changes"]).Should().Be(
            """{"region":{"old":"us1","new":"ie1"},"terminationUri":{"old":"sip:vp-0123456789abcdef.pstn.ashburn.twilio.com","new":"sip:vp-0123456789abcdef.pstn.dublin.twilio.com"}}""");
    }

    [Fact]
    public async Task Handle_Should_announce_one_update_with_every_changed_field_When_several_change_together()
    {
        await HandleAsync(Command(name: "Backup Twilio", region: "de1", supportsCallTransfer: true));

        var updated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderUpdated>().Subject;
        updated.ChangedFields.Should().Equal("name", "region", "supportsCallTransfer");
        updated.ProviderVersion.Should().Be(_provider.Version);
        updated.SupportsCallTransfer.Should().BeTrue();
        _audit.Recorded.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_record_no_refusal_When_if_match_is_stale()
    {
        var act = async () => await HandleAsync(Command(name: "Backup Twilio", ifMatch: VersionPrecondition.Exactly(2)));

        await act.Should().ThrowAsync<PreconditionFailedException>();
        ProviderShouldBeAsSeeded();
    }
}
