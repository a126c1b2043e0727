using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.Providers;
using VoipProviders.Application.UnitTests.Verification;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

/// <summary><see cref="UpdateTwilioProviderCommandHandler"/> when <c>secureTrunking</c> is sent.</summary>
public sealed class UpdateTwilioProviderSecureTrunkingTests
{
    private const string TrunkSid = TestValues.TrunkSid;
    private const string PlainTerminationUri = "sip:vp-0123456789abcdef.pstn.ashburn.twilio.com";
    private const string SecureTerminationUri = "sip:vp-0123456789abcdef.pstn.ashburn.twilio.com:5061;transport=tls";

    private static readonly TwilioCredentials StoredCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly UpdateTwilioProviderCommandHandler _handler;
    private readonly TwilioProvider _provider;
    private readonly string _originationRevision;

    public UpdateTwilioProviderSecureTrunkingTests()
    {
        _handler = new UpdateTwilioProviderCommandHandler(
            _providers, _twilio, _protector, _unitOfWork, _jobs, new VerificationAfterChange(_jobs, Options.Create(new VerificationOptions())), new ProviderChanges(_outbox, _audit), TestValues.Mappings(), _time);
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
        _providers.Seed(_provider);
        _originationRevision = _provider.OriginationRevision!;
        _time.Advance(TimeSpan.FromDays(30));
    }

    private UpdateTwilioProviderCommand Command(
        bool? secureTrunking,
        bool? supportsCallTransfer = null,
        string? name = null,
        VersionPrecondition? ifMatch = null) =>
        new(TestValues.OrganizationId, _provider.Id, Name: name, SupportsCallTransfer: supportsCallTransfer, IfMatch: ifMatch, SecureTrunking: secureTrunking);

    private async Task<TwilioProviderResponse> HandleAsync(UpdateTwilioProviderCommand command) => await _handler.Handle(command, CancellationToken.None);

    /// <summary>Makes the seeded provider and its trunk secure, as a secure connect would have left them.</summary>
    private void StartSecure()
    {
        _provider.SetSecureTrunking(true, TestValues.Start);
        _twilio.SecureTrunks.Add(TrunkSid);
        HealthyTwilioAccount.SeedOrigination(_twilio, _provider);
    }

    private void ProviderShouldBeAsSeeded()
    {
        _provider.SecureTrunking.Should().BeFalse();
        _provider.TerminationUri.Should().Be(PlainTerminationUri);
        _provider.OriginationRevision.Should().Be(_originationRevision);
        _provider.SupportsCallTransfer.Should().BeFalse();
        _provider.Name.Should().Be("Main Twilio");
        _provider.Version.Should().Be(1);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_turn_secure_trunking_on_in_Twilio_once_then_store_it_with_a_tls_termination_uri()
    {
        var response = await HandleAsync(Command(secureTrunking: true));

        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkSecure);
        var update = _twilio.CallsTo(GatewayOperation.UpdateTrunkSecure).Should().ContainSingle().Subject;
        update.Arguments.Should().Equal(TrunkSid, true);
        update.Credentials.Should().Be(StoredCredentials);
        _twilio.SecureTrunks.Should().Equal(TrunkSid);
        _provider.SecureTrunking.Should().BeTrue();
        _provider.TerminationUri.Should().Be(SecureTerminationUri);
        _provider.Version.Should().Be(2);
        _provider.UpdatedAt.Should().Be(_time.GetUtcNow());
        response.SecureTrunking.Should().BeTrue();
        response.TerminationUri.Should().Be(SecureTerminationUri);
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_clear_the_origination_revision_and_queue_the_alignment_of_the_origination_urls()
    {
        await HandleAsync(Command(secureTrunking: true));

        _provider.OriginationRevision.Should().BeNull("the URLs must move to TLS transport, so the rollout must take the provider");
        _jobs.Enqueued.OfType<AlignTrunkOriginationCommand>().Should().Equal(new AlignTrunkOriginationCommand(_provider.Id.Value));
        _twilio.Operations.Should().NotContain(
            [GatewayOperation.CreateOriginationUrl, GatewayOperation.UpdateOriginationUrl, GatewayOperation.DeleteOriginationUrl],
            "the URLs are brought in line by the job after the commit, not by the request");
    }

    [Fact]
    public async Task Handle_Should_queue_the_verification_of_the_final_version_When_secure_trunking_changed()
    {
        await HandleAsync(Command(secureTrunking: true, name: "Backup Twilio"));

        _jobs.Enqueued.OfType<VerifyProviderAfterChangeCommand>().Should().Equal(new VerifyProviderAfterChangeCommand(_provider.Id.Value, 3));
    }

    [Fact]
    public async Task Handle_Should_turn_secure_trunking_off_and_drop_tls_from_the_termination_uri()
    {
        StartSecure();

        var response = await HandleAsync(Command(secureTrunking: false));

        _twilio.CallsTo(GatewayOperation.UpdateTrunkSecure).Should().ContainSingle().Which.Arguments.Should().Equal(TrunkSid, false);
        _twilio.SecureTrunks.Should().BeEmpty();
        _provider.SecureTrunking.Should().BeFalse();
        _provider.TerminationUri.Should().Be(PlainTerminationUri);
        _provider.OriginationRevision.Should().BeNull();
        response.TerminationUri.Should().Be(PlainTerminationUri);
        _jobs.Enqueued.OfType<AlignTrunkOriginationCommand>().Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_keep_tls_in_the_termination_uri_When_a_secure_provider_moves_to_another_region()
    {
        StartSecure();

        var response = await HandleAsync(new UpdateTwilioProviderCommand(TestValues.OrganizationId, _provider.Id, Region: "ie1"));

        _twilio.Calls.Should().BeEmpty();
        response.TerminationUri.Should().Be("sip:vp-0123456789abcdef.pstn.dublin.twilio.com:5061;transport=tls");
        _provider.OriginationRevision.Should().NotBeNull("the origination URLs do not depend on the region");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handle_Should_neither_call_Twilio_nor_change_anything_When_secure_trunking_already_has_the_sent_value(bool current)
    {
        if (current)
        {
            StartSecure();
        }

        var (revision, version, updatedAt) = (_provider.OriginationRevision, _provider.Version, _provider.UpdatedAt);

        var response = await HandleAsync(Command(secureTrunking: current));

        _twilio.Calls.Should().BeEmpty();
        _jobs.Enqueued.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        _provider.SecureTrunking.Should().Be(current);
        _provider.OriginationRevision.Should().Be(revision).And.NotBeNull();
        _provider.Version.Should().Be(version);
        _provider.UpdatedAt.Should().Be(updatedAt);
        response.Version.Should().Be(version);
    }

    [Fact]
    public async Task Handle_Should_throw_trunk_missing_and_change_nothing_When_Twilio_no_longer_knows_the_trunk()
    {
        _twilio.Trunks.Clear();

        var act = () => HandleAsync(Command(secureTrunking: true, name: "Backup Twilio"));

        var thrown = (await act.Should().ThrowAsync<TwilioTrunkMissingException>()).Which;
        thrown.TrunkSid.Should().Be(TrunkSid);
        thrown.InnerException.Should().BeOfType<TwilioResourceNotFoundException>();
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkSecure);
        _jobs.Enqueued.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_propagate_and_change_nothing_When_Twilio_rejects_the_stored_credentials()
    {
        var rejected = new TwilioCredentialsRejectedException(20003, 401);
        _twilio.FailOn(GatewayOperation.FetchAccount, rejected);

        var act = () => HandleAsync(Command(secureTrunking: true));

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.Should().BeSameAs(rejected);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        _twilio.SecureTrunks.Should().BeEmpty();
        _jobs.Enqueued.Should().BeEmpty();
        ProviderShouldBeAsSeeded();
    }

    [Fact]
    public async Task Handle_Should_set_transfer_then_secure_on_the_trunk_When_both_change()
    {
        var response = await HandleAsync(Command(secureTrunking: true, supportsCallTransfer: true));

        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.UpdateTrunkTransferMode, GatewayOperation.UpdateTrunkSecure);
        _twilio.TransferEnabledTrunks.Should().Equal(TrunkSid);
        _twilio.SecureTrunks.Should().Equal(TrunkSid);
        response.SupportsCallTransfer.Should().BeTrue();
        response.SecureTrunking.Should().BeTrue();
        response.Version.Should().Be(3);
        _jobs.Enqueued.OfType<VerifyProviderAfterChangeCommand>().Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_leave_a_compensation_for_the_transfer_mode_and_change_nothing_When_the_secure_update_fails_after_it()
    {
        var unavailable = new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503);
        _twilio.FailOn(GatewayOperation.UpdateTrunkSecure, unavailable);

        var act = () => HandleAsync(Command(secureTrunking: true, supportsCallTransfer: true));

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(unavailable);
        ProviderShouldBeAsSeeded();
        _jobs.Enqueued.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().HaveCount(2, "the outcome of the failed secure update is unknown too")
            .And.Contain(d => d.Contains("TransferMode")).And.Contain(d => d.Contains("Secure"));

        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.TransferEnabledTrunks.Should().BeEmpty("the trunk is brought back to the stored row, which never changed");
        _twilio.SecureTrunks.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_brings_the_secure_flag_back_to_the_stored_row_When_the_commit_fails()
    {
        _providers.CommittedByOthers = TestValues.ConnectedProvider(_protector, now: TestValues.Start);

        await HandleAsync(Command(secureTrunking: true));
        _unitOfWork.CompensationDescriptions.Should().ContainSingle().Which.Should().Contain("Secure").And.Contain(TrunkSid);

        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.UpdateTrunkSecure).Select(c => c.Argument<bool>(1)).Should().Equal(true, false);
        _twilio.SecureTrunks.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_announce_secure_trunking_and_record_the_termination_uri_that_moved_with_it()
    {
        await HandleAsync(Command(secureTrunking: true));

        var updated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderUpdated>().Subject;
        updated.ChangedFields.Should().Equal("secureTrunking");
        updated.SecureTrunking.Should().BeTrue();
        updated.TerminationUri.Should().Be(SecureTerminationUri);
        updated.ProviderVersion.Should().Be(2);
        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.ProviderUpdated);
        JsonSerializer.Serialize(record.Details["changes"]).Should().Be(
            $$$"""{"secureTrunking":{"old":false,"new":true},"terminationUri":{"old":"{{{PlainTerminationUri}}}","new":"{{{SecureTerminationUri}}}"}}""");
    }
}
