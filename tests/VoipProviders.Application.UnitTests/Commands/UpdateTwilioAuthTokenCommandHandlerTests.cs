using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class UpdateTwilioAuthTokenCommandHandlerTests
{
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly VerificationOptions _verification = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly UpdateTwilioAuthTokenCommandHandler _handler;
    private readonly TwilioProvider _provider;

    public UpdateTwilioAuthTokenCommandHandlerTests()
    {
        _handler = new UpdateTwilioAuthTokenCommandHandler(_providers, _twilio, _protector, new VerificationAfterChange(_jobs, Options.Create(_verification)), new ProviderChanges(_outbox, _audit), new FixedFingerprint(), TestValues.Mappings(), _time);
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        _providers.Seed(_provider);
        _time.Advance(TimeSpan.FromDays(30));
    }

    private UpdateTwilioAuthTokenCommand Command(OrganizationId? organizationId = null, ProviderId? providerId = null, VersionPrecondition? ifMatch = null) =>
        new(organizationId ?? TestValues.OrganizationId, providerId ?? _provider.Id, TwilioAuthToken.From(TestValues.NewAuthToken), ifMatch);

    private void NothingShouldHaveBeenRecorded()
    {
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await _handler.Handle(Command(providerId: unknownId), CancellationToken.None);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        _twilio.Calls.Should().BeEmpty();
        NothingShouldHaveBeenRecorded();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_belongs_to_another_organization()
    {
        var act = async () => await _handler.Handle(Command(organizationId: TestValues.OtherOrganizationId), CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
        _protector.Unprotect(TwilioSecrets.AuthToken, _provider.Id.Value, _provider.AuthToken).Should().Be(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_propagate_the_rejection_and_leave_the_provider_unchanged_When_Twilio_rejects_the_new_token()
    {
        var rejected = new TwilioCredentialsRejectedException(20003, 401);
        _twilio.FailOn(GatewayOperation.FetchAccount, rejected);
        var tokenBefore = _provider.AuthToken;

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.Should().BeSameAs(rejected);
        _provider.AuthToken.Should().Be(tokenBefore);
        _provider.AuthTokenUpdatedAt.Should().Be(TestValues.Start);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
    }

    [Fact]
    public async Task Handle_Should_leave_the_provider_unchanged_When_the_account_is_suspended()
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", "suspended");
        var tokenBefore = _provider.AuthToken;

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioAccountNotActiveException>()).Which.AccountStatus.Should().Be("suspended");
        _provider.AuthToken.Should().Be(tokenBefore);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
        NothingShouldHaveBeenRecorded();
    }

    [Fact]
    public async Task Handle_Should_validate_the_new_token_against_the_providers_account_sid()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        var call = _twilio.Calls.Should().ContainSingle().Subject;
        call.Operation.Should().Be(GatewayOperation.FetchAccount);
        call.Credentials.Should().Be(new TwilioCredentials(_provider.AccountSid, TwilioAuthToken.From(TestValues.NewAuthToken)));
    }

    [Fact]
    public async Task Handle_Should_store_the_new_token_protected_for_the_provider_When_Twilio_accepts_it()
    {
        var rotatedAt = _time.GetUtcNow();

        var response = await _handler.Handle(Command(), CancellationToken.None);

        _provider.AuthToken.CipherText.Should().NotContain(TestValues.NewAuthToken);
        _protector.Unprotect(TwilioSecrets.AuthToken, _provider.Id.Value, _provider.AuthToken).Should().Be(TestValues.NewAuthToken);
        _provider.AuthTokenUpdatedAt.Should().Be(rotatedAt);
        _provider.UpdatedAt.Should().Be(rotatedAt);
        _provider.CreatedAt.Should().Be(TestValues.Start);
        response.Id.Should().Be(_provider.Id.Value);
        response.AccountSid.Should().Be(TestValues.AccountSid.Value);
        response.ToString().Should().NotContain(TestValues.NewAuthToken);
    }

    [Fact]
    public async Task Handle_Should_not_touch_the_trunk_When_the_token_is_rotated()
    {
        var sipPasswordBefore = _provider.SipPassword;

        await _handler.Handle(Command(), CancellationToken.None);

        _twilio.Operations.Should().NotContain([GatewayOperation.CreateTrunk, GatewayOperation.DeleteTrunk, GatewayOperation.DeleteCredentialList]);
        _provider.SipPassword.Should().Be(sipPasswordBefore);
        _provider.TrunkSid.Should().Be("TK0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task Handle_Should_queue_the_verification_of_the_rotated_version_so_a_fixed_token_clears_failed()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        _jobs.Enqueued.Should().Equal(new VerifyProviderAfterChangeCommand(_provider.Id.Value, 2));
    }

    [Fact]
    public async Task Handle_Should_queue_no_verification_When_Twilio_rejects_the_new_token()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        _jobs.Enqueued.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_answer_with_the_imported_number_count_read_with_the_provider()
    {
        _providers.PhoneNumberCount = 7;

        var response = await _handler.Handle(Command(), CancellationToken.None);

        response.PhoneNumberCount.Should().Be(7);
        response.Id.Should().Be(_provider.Id.Value);
    }

    // ----- Integration event and audit trail -----

    [Fact]
    public async Task Handle_Should_announce_the_rotation_without_the_token()
    {
        var rotatedAt = _time.GetUtcNow();

        await _handler.Handle(Command(), CancellationToken.None);

        var rotated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderAuthTokenRotated>().Subject;
        rotated.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId.Value,
            ProviderId = _provider.Id.Value,
            ProviderVersion = _provider.Version,
            AuthTokenUpdatedAt = rotatedAt,
        });
        JsonSerializer.Serialize<object>(rotated).Should().NotContain(TestValues.NewAuthToken).And.NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_previous_and_new_fingerprint_and_never_a_token()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.AuthTokenRotated);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details["accountSid"].Should().Be(TestValues.AccountSid.Value);
        record.Details["previousAuthTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.AuthToken));
        record.Details["authTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.NewAuthToken));
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(TestValues.NewAuthToken).And.NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_record_a_refusal_with_the_new_tokens_fingerprint_When_Twilio_rejects_the_new_token()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        var refusal = _audit.Refusals.Should().ContainSingle().Subject;
        refusal.Action.Should().Be(AuditActions.AuthTokenRotated);
        refusal.Outcome.Should().Be(AuditOutcome.Rejected);
        refusal.OrganizationId.Should().Be(TestValues.OrganizationId);
        refusal.ProviderId.Should().Be(_provider.Id.Value);
        refusal.Details["reason"].Should().Be("twilio_rejected_token");
        refusal.Details["accountSid"].Should().Be(TestValues.AccountSid.Value);
        refusal.Details["authTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.NewAuthToken));
        _audit.DetailsJson().Should().NotContain(TestValues.NewAuthToken).And.NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_record_a_stale_if_match_refusal_then_throw_precondition_failed_without_calling_Twilio()
    {
        var tokenBefore = _provider.AuthToken;

        var act = async () => await _handler.Handle(Command(ifMatch: VersionPrecondition.Exactly(2)), CancellationToken.None);

        await act.Should().ThrowAsync<PreconditionFailedException>();
        _twilio.Calls.Should().BeEmpty();
        _provider.AuthToken.Should().Be(tokenBefore);
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        var refusal = _audit.Refusals.Should().ContainSingle().Subject;
        refusal.Action.Should().Be(AuditActions.AuthTokenRotated);
        refusal.Outcome.Should().Be(AuditOutcome.Rejected);
        refusal.ProviderId.Should().Be(_provider.Id.Value);
        refusal.Details["reason"].Should().Be("stale_if_match");
        refusal.Details["currentVersion"].Should().Be(1L);
        refusal.Details["acceptedVersions"].Should().BeEquivalentTo(new[] { 2L });
        refusal.Details["authTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.NewAuthToken));
        _audit.DetailsJson().Should().NotContain(TestValues.NewAuthToken);
    }

    [Fact]
    public async Task Handle_Should_rotate_and_record_no_refusal_When_if_match_names_the_current_version()
    {
        await _handler.Handle(Command(ifMatch: VersionPrecondition.Exactly(1)), CancellationToken.None);

        _audit.Refusals.Should().BeEmpty();
        _audit.Recorded.Should().ContainSingle();
        _outbox.Added.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_record_nothing_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        NothingShouldHaveBeenRecorded();
    }
}
