using Microsoft.Extensions.Logging.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.PhoneNumbers;

public sealed class RemovePhoneNumberCommandHandlerTests
{
    private const string TrunkSid = TestValues.TrunkSid;

    /// <summary>The provider's own token, distinct from the shared sample: a call made with it can only use the stored credentials.</summary>
    private const string ProviderToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static readonly TwilioCredentials ProviderCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(ProviderToken));
    private static readonly Guid OtherProviderId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef");

    private static readonly PhoneNumberUser Alice = new("agent-1", "Alice", [PhoneNumberUser.Inbound]);
    private static readonly PhoneNumberUser Bob = new("agent-2", "Bob", [PhoneNumberUser.Inbound, PhoneNumberUser.Outbound]);
    private static readonly PhoneNumberUser Dialer = new("campaign-7", "Dialer", [PhoneNumberUser.Outbound]);

    private readonly List<string> _journal = [];
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeLogger<RemovePhoneNumberCommandHandler> _logger = new();
    private readonly FakePhoneNumberUsage _agents;
    private readonly FakePhoneNumberUsage _outbound;
    private readonly TwilioProvider _provider;
    private readonly ImportedPhoneNumber _number;
    private readonly PhoneNumberReference _reference;

    public RemovePhoneNumberCommandHandlerTests()
    {
        _agents = new FakePhoneNumberUsage("agents", _journal);
        _outbound = new FakePhoneNumberUsage("outbound", _journal);
        _provider = TestValues.ConnectedProvider(_protector, authToken: ProviderToken, now: TestValues.Start);
        _providers.Seed(_provider);
        _number = TestValues.ImportedNumber(_provider, 1);
        _phoneNumbers.Seed(_number);
        _reference = new PhoneNumberReference(TestValues.OrganizationId.Value, _number.Id, _provider.Id.Value, _number.PhoneNumberSid, "+14155550001");
        _twilio.PhoneNumbers[_number.PhoneNumberSid] = TestValues.IncomingNumber(1, TrunkSid);
        _twilio.BeforeCall = operation => _journal.Add($"twilio:{operation}");
    }

    private RemovePhoneNumberCommandHandler Handler(params IPhoneNumberUsage[] usages) =>
        new(new TwilioPhoneNumberTrunks(_providers, _protector), _phoneNumbers, usages, _twilio, _unitOfWork, new ProviderChanges(_outbox, _audit), new RecordingAvailablePhoneNumberListInvalidation(), _logger);

    private RemovePhoneNumberCommand Command(
        bool force = false,
        OrganizationId? organizationId = null,
        ProviderId? providerId = null,
        Guid? phoneNumberId = null) =>
        new(organizationId ?? TestValues.OrganizationId, providerId ?? _provider.Id, phoneNumberId ?? _number.Id, force);

    private async Task RemoveAsync(RemovePhoneNumberCommand command, params IPhoneNumberUsage[] usages) =>
        await Handler(usages).Handle(command, CancellationToken.None);

    private void NothingShouldHaveChanged()
    {
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().BeEmpty();
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().Be(TrunkSid);
        _phoneNumbers.Removed.Should().BeEmpty();
        _agents.Released.Should().BeEmpty();
        _outbound.Released.Should().BeEmpty();
        _unitOfWork.AfterCommitDescriptions.Should().BeEmpty();
        NoChangeShouldHaveBeenRecorded();
    }

    private void NoChangeShouldHaveBeenRecorded()
    {
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_detach_the_number_from_the_providers_trunk_with_the_stored_credentials_and_remove_its_record()
    {
        await RemoveAsync(Command(), _agents, _outbound);

        var detach = _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().ContainSingle().Subject;
        detach.Arguments.Should().Equal(TrunkSid, _number.PhoneNumberSid);
        detach.Credentials.Should().Be(ProviderCredentials);
        _twilio.Operations.Should().Equal(GatewayOperation.DetachPhoneNumber);
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().BeNull();
        _phoneNumbers.Removed.Should().ContainSingle().Which.Should().BeSameAs(_number);
    }

    [Fact]
    public async Task Handle_Should_ask_every_usage_about_the_number_as_other_modules_know_it()
    {
        await RemoveAsync(Command(), _agents, _outbound);

        _agents.Asked.Should().Equal(_reference);
        _outbound.Asked.Should().Equal(_reference);
        _agents.Released.Should().BeEmpty("nobody used the number");
        _outbound.Released.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_remove_the_number_When_no_usage_is_registered()
    {
        await RemoveAsync(Command());

        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().ContainSingle();
        _phoneNumbers.Removed.Should().ContainSingle().Which.Should().BeSameAs(_number);
    }

    [Fact]
    public async Task Handle_Should_throw_in_use_with_every_user_of_every_usage_and_change_nothing_When_the_number_is_used_and_force_is_not_set()
    {
        _agents.Users.AddRange([Alice, Bob]);
        _outbound.Users.Add(Dialer);

        var act = async () => await RemoveAsync(Command(force: false), _agents, _outbound);

        var inUse = (await act.Should().ThrowAsync<PhoneNumberInUseException>()).Which;
        inUse.Users.Should().Equal(Alice, Bob, Dialer);
        inUse.Kind.Should().Be(FailureKind.Conflict);
        inUse.Code.Should().Be("phone_number_in_use");
        inUse.Message.Should().Contain("+14155550001").And.Contain("3 agent(s)");
        inUse.Facts["affectedAgents"].Should().BeEquivalentTo(new[] { Alice, Bob, Dialer });
        _twilio.Calls.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_in_use_When_only_one_of_several_usages_uses_the_number()
    {
        _outbound.Users.Add(Dialer);

        var act = async () => await RemoveAsync(Command(), _agents, _outbound);

        (await act.Should().ThrowAsync<PhoneNumberInUseException>()).Which.Users.Should().Equal(Dialer);
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_detach_first_then_remove_the_number_and_release_it_everywhere_only_after_the_commit_When_forced()
    {
        _agents.Users.Add(Alice);
        _outbound.Users.Add(Dialer);

        await RemoveAsync(Command(force: true), _agents, _outbound);

        _journal.Should().Equal($"twilio:{GatewayOperation.DetachPhoneNumber}");
        _agents.Released.Should().BeEmpty("nothing is released before the removal is committed");
        _outbound.Released.Should().BeEmpty();
        _phoneNumbers.Removed.Should().ContainSingle().Which.Should().BeSameAs(_number);

        await _unitOfWork.CommitAsync(CancellationToken.None);

        _journal.Should().Equal($"twilio:{GatewayOperation.DetachPhoneNumber}", "release:agents", "release:outbound");
        _agents.Released.Should().Equal(_reference);
        _outbound.Released.Should().Equal(_reference);
    }

    [Fact]
    public async Task Handle_Should_tell_every_usage_to_let_go_after_the_commit_When_forced_even_those_that_reported_no_user()
    {
        _outbound.Users.Add(Dialer);

        await RemoveAsync(Command(force: true), _agents, _outbound);
        await _unitOfWork.CommitAsync(CancellationToken.None);

        _agents.Released.Should().Equal(_reference);
        _outbound.Released.Should().Equal(_reference);
    }

    [Fact]
    public async Task Handle_Should_release_nothing_and_let_the_compensation_re_attach_When_a_forced_removal_does_not_commit()
    {
        _agents.Users.Add(Alice);
        _unitOfWork.CommitException = new InvalidOperationException("the database refused the commit");

        await RemoveAsync(Command(force: true), _agents, _outbound);
        var commit = async () => await _unitOfWork.CommitAsync(CancellationToken.None);
        await commit.Should().ThrowAsync<InvalidOperationException>();
        await _unitOfWork.CompensateAsync();

        _agents.Released.Should().BeEmpty("the users keep their links when the removal does not happen");
        _outbound.Released.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().ContainSingle().Which.Arguments.Should().Equal(TrunkSid, _number.PhoneNumberSid);
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().Be(TrunkSid);
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_release_nothing_When_forced_but_nobody_uses_the_number()
    {
        await RemoveAsync(Command(force: true), _agents, _outbound);

        _agents.Released.Should().BeEmpty();
        _outbound.Released.Should().BeEmpty();
        _phoneNumbers.Removed.Should().ContainSingle();
    }

    [Theory]
    [InlineData("unavailable")]
    [InlineData("credentials rejected")]
    [InlineData("rate limited")]
    public async Task Handle_Should_propagate_and_release_nothing_and_remove_nothing_When_Twilio_fails_to_detach(string failure)
    {
        _agents.Users.Add(Alice);
        TwilioGatewayException exception = failure switch
        {
            "unavailable" => new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503),
            "credentials rejected" => new TwilioCredentialsRejectedException(20003, 401),
            _ => new TwilioRateLimitedException(TimeSpan.FromSeconds(1), 20429),
        };
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, exception);

        var act = async () => await RemoveAsync(Command(force: true), _agents, _outbound);

        (await act.Should().ThrowAsync<TwilioGatewayException>()).Which.Should().BeSameAs(exception);
        _journal.Should().Equal($"twilio:{GatewayOperation.DetachPhoneNumber}");
        _phoneNumbers.Removed.Should().BeEmpty();
        _agents.Released.Should().BeEmpty();
        _outbound.Released.Should().BeEmpty();
        NoChangeShouldHaveBeenRecorded();

        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().BeEmpty("the number never left the trunk, so there is nothing to re-attach");
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().Be(TrunkSid);
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_re_attach_on_compensation_When_Twilio_detached_the_number_although_it_answered_with_an_error()
    {
        var exception = new TwilioUnavailableException("Twilio failed with HTTP 500.", httpStatus: 500, outcomeUnknown: true);
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, exception, afterEffect: true);

        var act = async () => await RemoveAsync(Command(), _agents);

        (await act.Should().ThrowAsync<TwilioGatewayException>()).Which.Should().BeSameAs(exception);
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().BeNull("Twilio did detach it");
        _phoneNumbers.Removed.Should().BeEmpty();

        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().ContainSingle().Which.Arguments.Should().Equal(TrunkSid, _number.PhoneNumberSid);
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().Be(TrunkSid, "the record is still there, so the number goes back where it belongs");
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_not_re_attach_on_compensation_When_the_number_left_the_account()
    {
        await RemoveAsync(Command(), _agents);

        _twilio.PhoneNumbers.Remove(_number.PhoneNumberSid);
        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().BeEmpty();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_re_attaches_the_number_with_the_stored_credentials_While_its_import_is_still_committed()
    {
        await RemoveAsync(Command(), _agents);

        _unitOfWork.CompensationDescriptions.Should().ContainSingle();
        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().BeEmpty("nothing is undone unless the request fails");

        await _unitOfWork.CompensateAsync();

        var attach = _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().ContainSingle().Subject;
        attach.Arguments.Should().Equal(TrunkSid, _number.PhoneNumberSid);
        attach.Credentials.Should().Be(ProviderCredentials);
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().Be(TrunkSid);
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_not_re_attach_on_compensation_When_the_import_is_no_longer_committed()
    {
        await RemoveAsync(Command(), _agents);

        // A concurrent removal of the same number committed before this request failed.
        _phoneNumbers.Unseed(_number);
        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().BeEmpty();
        _twilio.PhoneNumbers[_number.PhoneNumberSid].TrunkSid.Should().BeNull();
    }

    [Fact]
    public async Task Handle_Should_announce_the_removal_with_the_providers_envelope_and_write_one_audit_record()
    {
        await RemoveAsync(Command(), _agents);

        var removed = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<PhoneNumberRemoved>().Subject;
        removed.PhoneNumber.Should().Be(_reference);
        removed.Forced.Should().BeFalse();
        removed.WithProvider.Should().BeFalse();
        removed.OrganizationId.Should().Be(TestValues.OrganizationId.Value);
        removed.ProviderId.Should().Be(_provider.Id.Value);
        removed.ProviderVersion.Should().Be(_provider.Version);

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.PhoneNumberRemoved);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details["phoneNumberId"].Should().Be(_number.Id);
        record.Details["phoneNumberSid"].Should().Be(_number.PhoneNumberSid);
        record.Details["phoneNumber"].Should().Be("+14155550001");
        record.Details["trunkSid"].Should().Be(TrunkSid);
        record.Details["force"].Should().Be(false);
        record.Details["releasedFromUsers"].Should().Be(0);
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(ProviderToken);
    }

    [Fact]
    public async Task Handle_Should_announce_a_forced_removal_When_users_were_made_to_let_go()
    {
        _agents.Users.Add(Alice);
        _outbound.Users.Add(Dialer);

        await RemoveAsync(Command(force: true), _agents, _outbound);

        _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<PhoneNumberRemoved>().Which.Forced.Should().BeTrue();
        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Details["force"].Should().Be(true);
        record.Details["releasedFromUsers"].Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_not_call_a_removal_forced_When_force_was_set_but_nobody_used_the_number()
    {
        await RemoveAsync(Command(force: true), _agents);

        _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<PhoneNumberRemoved>().Which.Forced.Should().BeFalse();
        _audit.Recorded.Should().ContainSingle().Which.Details["force"].Should().Be(true);
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_asking_anyone_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await RemoveAsync(Command(providerId: unknownId), _agents);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        _twilio.Calls.Should().BeEmpty();
        _agents.Asked.Should().BeEmpty();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_asking_anyone_When_the_number_does_not_exist()
    {
        var unknownId = Guid.Parse("0199f6a2-0000-7000-8000-000000000002");

        var act = async () => await RemoveAsync(Command(phoneNumberId: unknownId), _agents);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        _twilio.Calls.Should().BeEmpty();
        _agents.Asked.Should().BeEmpty();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_When_the_number_was_imported_by_another_provider_of_the_organization()
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId);
        _providers.Seed(other);
        var othersNumber = TestValues.ImportedNumber(other, 2);
        _phoneNumbers.Seed(othersNumber);

        var act = async () => await RemoveAsync(Command(phoneNumberId: othersNumber.Id), _agents);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(othersNumber.Id.ToString());
        _twilio.Calls.Should().BeEmpty();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_asking_anyone_When_the_provider_belongs_to_another_organization()
    {
        var act = async () => await RemoveAsync(Command(organizationId: TestValues.OtherOrganizationId), _agents);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Kind.Should().Be(FailureKind.NotFound);
        _twilio.Calls.Should().BeEmpty();
        _agents.Asked.Should().BeEmpty();
        NothingShouldHaveChanged();
    }

    [Fact]
    public async Task Handle_Should_log_the_removal_with_how_many_users_let_go()
    {
        _agents.Users.AddRange([Alice, Bob]);

        await RemoveAsync(Command(force: true), _agents);

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.GetStructuredStateValue("PhoneNumberSid").Should().Be(_number.PhoneNumberSid);
        record.GetStructuredStateValue("PhoneNumberId").Should().Be(_number.Id.ToString());
        record.GetStructuredStateValue("ReleasedUsers").Should().Be("2");
        record.Message.Should().NotContain(ProviderToken);
    }
}
