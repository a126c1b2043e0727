using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.RotateSipCredential;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;
using VoipProviders.Application.TwilioProviders.SipCredentials;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Application.UnitTests.Verification;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class RotateSipCredentialCommandHandlerTests
{
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";
    private const string OldSipCredentialSid = "CR0123456789abcdef0123456789abcdef";
    private const string OldUsername = "vpabcdefghij0123456789ab";

    private static readonly TwilioCredentials StoredCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeSipCredentialRetirements _retirements = new();
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly SipCredentialOptions _options = new();
    private readonly List<string> _journal = [];
    private readonly RotateSipCredentialCommandHandler _handler;
    private readonly TwilioProvider _provider;

    public RotateSipCredentialCommandHandlerTests()
    {
        _handler = new RotateSipCredentialCommandHandler(
            _providers,
            _twilio,
            _protector,
            _retirements,
            _jobs,
            _unitOfWork,
            new VerificationAfterChange(_jobs, Options.Create(new VerificationOptions())),
            new ProviderChanges(_outbox, _audit),
            Options.Create(_options),
            TestValues.Mappings(),
            _time,
            new FakeLogger<RotateSipCredentialCommandHandler>());
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
        _providers.Seed(_provider);
        _retirements.Journal = _journal;
        _twilio.BeforeCall = _journal.Add;
        _time.Advance(TimeSpan.FromDays(30));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private RotateSipCredentialCommand Command(VersionPrecondition? ifMatch = null, OrganizationId? organizationId = null) =>
        new(organizationId ?? TestValues.OrganizationId, _provider.Id, ifMatch);

    private async Task<TwilioProviderResponse> HandleAsync(RotateSipCredentialCommand? command = null) =>
        await _handler.Handle(command ?? Command(), CancellationToken.None);

    private GatewayCall CreateCall() => _twilio.CallsTo(GatewayOperation.CreateSipCredential).Should().ContainSingle().Subject;

    private string NewUsername => CreateCall().Argument<string>(1);

    private void ProviderShouldBeAsConnected()
    {
        _provider.SipUsername.Should().Be(OldUsername);
        _provider.SipCredentialSid.Should().Be(OldSipCredentialSid);
        _protector.Unprotect(TwilioSecrets.SipPassword, _provider.Id.Value, _provider.SipPassword).Should().Be(HealthyTwilioAccount.SipPassword);
        _provider.SipCredentialVersion.Should().Be(1);
        _provider.SipCredentialUpdatedAt.Should().Be(TestValues.Start);
        _provider.RetiringSipCredentials.Should().BeEmpty();
        _provider.Version.Should().Be(1);
        _provider.UpdatedAt.Should().Be(TestValues.Start);
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_create_one_new_credential_with_a_new_username_and_a_32_character_password_in_the_providers_list()
    {
        await HandleAsync();

        var call = CreateCall();
        call.Credentials.Should().Be(StoredCredentials);
        call.Argument<string>(0).Should().Be(CredentialListSid);
        var username = call.Argument<string>(1);
        username.Should().NotBe(OldUsername).And.MatchRegex("^vp[a-z0-9]{22}$");
        var password = call.Argument<string>(2);
        password.Should().HaveLength(32).And.MatchRegex("[a-z]").And.MatchRegex("[A-Z]").And.MatchRegex("[0-9]");
        password.Should().NotBe(HealthyTwilioAccount.SipPassword);
        _twilio.SipCredentials.Values.Should().BeEquivalentTo([(CredentialListSid, OldUsername), (CredentialListSid, username)],
            "the old credential keeps working beside the new one during the grace period");
    }

    [Fact]
    public async Task Handle_Should_record_the_safety_net_retirement_of_the_new_username_before_creating_it()
    {
        await HandleAsync();

        _journal.Should().Equal(FakeSipCredentialRetirements.JournalEntry, GatewayOperation.CreateSipCredential);
        var (job, notBefore) = _retirements.Scheduled.Should().ContainSingle().Subject;
        job.Should().Be(new RetireSipCredentialCommand(_provider.Id.Value, CredentialListSid, NewUsername, SipCredentialSid: null));
        notBefore.Should().Be(Now + _options.UnfinishedRotationGracePeriod);
        notBefore.Should().Be(Now.AddMinutes(10), "ten minutes is the shipped default");
    }

    [Fact]
    public async Task Handle_Should_create_nothing_in_Twilio_When_the_safety_net_cannot_be_recorded()
    {
        var failure = new InvalidOperationException("The database is unavailable.");
        _retirements.Failure = failure;

        var act = () => HandleAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        _twilio.Calls.Should().BeEmpty();
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_queue_the_old_credentials_retirement_for_when_its_grace_period_ends()
    {
        await HandleAsync();

        var retirement = _jobs.Enqueued.OfType<RetireSipCredentialCommand>().Should().ContainSingle().Subject;
        retirement.Should().Be(new RetireSipCredentialCommand(_provider.Id.Value, CredentialListSid, OldUsername, OldSipCredentialSid));
        _jobs.NotBefore[retirement].Should().Be(Now.AddMinutes(15), "the old credential keeps working for the default 15 minutes");
        _twilio.SipCredentials.Should().ContainKey(OldSipCredentialSid, "nothing is deleted before the grace period ends");
    }

    [Fact]
    public async Task Handle_Should_follow_the_configured_grace_period()
    {
        _options.CredentialRotationGracePeriod = TimeSpan.FromHours(2);

        await HandleAsync();

        var retirement = _jobs.Enqueued.OfType<RetireSipCredentialCommand>().Single();
        _jobs.NotBefore[retirement].Should().Be(Now.AddHours(2));
        _provider.RetiringSipCredentials.Should().ContainSingle().Which.Until.Should().Be(Now.AddHours(2));
    }

    [Fact]
    public async Task Handle_Should_make_the_new_credential_current_and_keep_the_old_one_as_retiring()
    {
        var response = await HandleAsync();

        var call = CreateCall();
        var newSid = _twilio.SipCredentials.Single(c => c.Value.Username == call.Argument<string>(1)).Key;
        _provider.SipCredentialSid.Should().Be(newSid);
        _provider.SipUsername.Should().Be(call.Argument<string>(1));
        _protector.Unprotect(TwilioSecrets.SipPassword, _provider.Id.Value, _provider.SipPassword).Should().Be(call.Argument<string>(2));
        _provider.SipCredentialVersion.Should().Be(2);
        _provider.SipCredentialUpdatedAt.Should().Be(Now);
        _provider.Version.Should().Be(2);
        _provider.UpdatedAt.Should().Be(Now);
        _provider.RetiringSipCredentials.Should().Equal(new RetiringSipCredential(OldSipCredentialSid, OldUsername, Now.AddMinutes(15)));
        response.SipCredentialVersion.Should().Be(2);
        response.SipCredentialUpdatedAt.Should().Be(Now);
        response.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_answer_without_any_sip_password()
    {
        var response = await HandleAsync();

        var json = JsonSerializer.Serialize(response);
        json.Should().Contain(_provider.Id.Value.ToString(), "the serialization must include the provider");
        json.Should().NotContain(CreateCall().Argument<string>(2)).And.NotContain(HealthyTwilioAccount.SipPassword);
    }

    [Fact]
    public async Task Handle_Should_count_every_rotation()
    {
        await HandleAsync();
        await HandleAsync();

        var usernames = _twilio.CallsTo(GatewayOperation.CreateSipCredential).Select(c => c.Argument<string>(1)).ToList();
        usernames.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        _provider.SipCredentialVersion.Should().Be(3);
        _provider.Version.Should().Be(3);
        _provider.RetiringSipCredentials.Select(r => r.Username).Should().Equal([OldUsername, usernames[0]], "each replaced credential keeps its own grace period");
    }

    [Fact]
    public async Task Handle_Should_queue_the_verification_of_the_rotated_version()
    {
        await HandleAsync();

        _jobs.Enqueued.OfType<VerifyProviderAfterChangeCommand>().Should().Equal(new VerifyProviderAfterChangeCommand(_provider.Id.Value, 2));
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_deletes_the_new_credential_When_the_commit_fails()
    {
        await HandleAsync();
        var newSid = _provider.SipCredentialSid;

        await _unitOfWork.CompensateAsync();

        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Should().ContainSingle()
            .Which.Arguments.Should().Equal(CredentialListSid, newSid);
        _twilio.SipCredentials.Keys.Should().Equal(OldSipCredentialSid);
    }

    [Fact]
    public async Task Handle_Should_throw_precondition_failed_without_calling_Twilio_When_if_match_names_another_version()
    {
        var act = () => HandleAsync(Command(ifMatch: VersionPrecondition.Exactly(2)));

        await act.Should().ThrowAsync<PreconditionFailedException>();
        _twilio.Calls.Should().BeEmpty();
        _retirements.Scheduled.Should().BeEmpty();
        _jobs.Enqueued.Should().BeEmpty();
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_rotate_When_if_match_names_the_current_version()
    {
        var response = await HandleAsync(Command(ifMatch: VersionPrecondition.Exactly(1)));

        response.SipCredentialVersion.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_belongs_to_another_organization()
    {
        var act = () => HandleAsync(Command(organizationId: TestValues.OtherOrganizationId));

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
        _retirements.Scheduled.Should().BeEmpty();
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_throw_credential_list_missing_and_change_nothing_When_Twilio_no_longer_has_the_list()
    {
        _twilio.CredentialLists.Clear();

        var act = () => HandleAsync();

        var thrown = (await act.Should().ThrowAsync<TwilioCredentialListMissingException>()).Which;
        thrown.CredentialListSid.Should().Be(CredentialListSid);
        thrown.InnerException.Should().BeOfType<TwilioResourceNotFoundException>();
        thrown.Code.Should().Be("twilio_credential_list_missing");
        _twilio.Operations.Should().Equal(GatewayOperation.CreateSipCredential);
        _jobs.Enqueued.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_delete_the_credential_it_may_have_created_and_propagate_When_the_creates_outcome_is_unknown()
    {
        var timeout = new TwilioUnavailableException("Twilio did not answer in time.", outcomeUnknown: true);
        _twilio.FailOn(GatewayOperation.CreateSipCredential, timeout, afterEffect: true);

        var act = () => HandleAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(timeout);
        _twilio.Operations.Should().Equal(GatewayOperation.CreateSipCredential, GatewayOperation.ListSipCredentials, GatewayOperation.DeleteSipCredential);
        _twilio.CallsTo(GatewayOperation.ListSipCredentials).Single().Arguments.Should().Equal(CredentialListSid);
        _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Single().Argument<string>(0).Should().Be(CredentialListSid);
        _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Single().Argument<string>(1).Should().NotBe(OldSipCredentialSid);
        _twilio.SipCredentials.Should().ContainSingle().Which.Key.Should().Be(OldSipCredentialSid);
        _jobs.Enqueued.Should().BeEmpty();
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_still_delete_the_credential_it_may_have_created_When_the_caller_cancelled_during_the_create()
    {
        // The request reached Twilio, then the caller gave up; by the clean-up its token is cancelled for good.
        using var caller = new CancellationTokenSource();
        _twilio.FailOn(GatewayOperation.CreateSipCredential, new OperationCanceledException(caller.Token), afterEffect: true);
        _twilio.BeforeCall = operation =>
        {
            _journal.Add(operation);
            if (operation != GatewayOperation.CreateSipCredential)
            {
                caller.Cancel();
            }
        };

        var act = async () => await _handler.Handle(Command(), caller.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _twilio.Operations.Should().Equal(GatewayOperation.CreateSipCredential, GatewayOperation.ListSipCredentials, GatewayOperation.DeleteSipCredential);
        _twilio.SipCredentials.Keys.Should().Equal(OldSipCredentialSid);
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_not_look_for_a_credential_When_Twilio_answered_that_the_create_failed()
    {
        var unavailable = new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503);
        _twilio.FailOn(GatewayOperation.CreateSipCredential, unavailable);

        var act = () => HandleAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(unavailable);
        _twilio.Operations.Should().Equal(GatewayOperation.CreateSipCredential);
        _twilio.SipCredentials.Keys.Should().Equal(OldSipCredentialSid);
        ProviderShouldBeAsConnected();
    }

    [Fact]
    public async Task Handle_Should_propagate_the_creates_failure_When_the_clean_up_after_an_unknown_outcome_fails_too()
    {
        var timeout = new TwilioUnavailableException("Twilio did not answer in time.", outcomeUnknown: true);
        _twilio.FailOn(GatewayOperation.CreateSipCredential, timeout, afterEffect: true);
        _twilio.FailOn(GatewayOperation.ListSipCredentials, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var act = () => HandleAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(timeout);
        _retirements.Scheduled.Should().ContainSingle("the safety net deletes the leftover later")
            .Which.Job.Username.Should().Be(NewUsername);
        ProviderShouldBeAsConnected();
    }

    // ----- Integration event and audit trail -----

    [Fact]
    public async Task Handle_Should_announce_the_new_username_and_credential_version_without_the_password()
    {
        await HandleAsync();

        var rotated = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<SipCredentialRotated>().Subject;
        rotated.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId.Value,
            ProviderId = _provider.Id.Value,
            ProviderVersion = 2L,
            SipUsername = NewUsername,
            CredentialVersion = 2,
        });
        JsonSerializer.Serialize<object>(rotated).Should().NotContain(CreateCall().Argument<string>(2));
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_old_and_new_credential_and_no_password()
    {
        await HandleAsync();

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.SipCredentialRotated);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details["credentialListSid"].Should().Be(CredentialListSid);
        record.Details["previousSipUsername"].Should().Be(OldUsername);
        record.Details["previousSipCredentialSid"].Should().Be(OldSipCredentialSid);
        record.Details["sipUsername"].Should().Be(NewUsername);
        record.Details["sipCredentialSid"].Should().Be(_provider.SipCredentialSid);
        record.Details["sipCredentialVersion"].Should().Be(2);
        record.Details["previousRetiresAt"].Should().Be(Now.AddMinutes(15));
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(CreateCall().Argument<string>(2))
            .And.NotContain(HealthyTwilioAccount.SipPassword)
            .And.NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_record_a_stale_if_match_refusal_then_throw_precondition_failed()
    {
        var act = () => HandleAsync(Command(ifMatch: VersionPrecondition.AnyOf([2, 3])));

        await act.Should().ThrowAsync<PreconditionFailedException>();
        _twilio.Calls.Should().BeEmpty();
        ProviderShouldBeAsConnected();
        var refusal = _audit.Refusals.Should().ContainSingle().Subject;
        refusal.Action.Should().Be(AuditActions.SipCredentialRotated);
        refusal.Outcome.Should().Be(AuditOutcome.Rejected);
        refusal.OrganizationId.Should().Be(TestValues.OrganizationId);
        refusal.ProviderId.Should().Be(_provider.Id.Value);
        refusal.Details["reason"].Should().Be("stale_if_match");
        refusal.Details["currentVersion"].Should().Be(1L);
        refusal.Details["acceptedVersions"].Should().BeEquivalentTo(new[] { 2L, 3L });
        _audit.DetailsJson().Should().NotContain(HealthyTwilioAccount.SipPassword);
    }

    [Fact]
    public async Task Handle_Should_record_nothing_When_the_provider_belongs_to_another_organization()
    {
        var act = () => HandleAsync(Command(organizationId: TestValues.OtherOrganizationId));

        await act.Should().ThrowAsync<NotFoundException>();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_record_nothing_When_Twilio_fails_to_create_the_credential()
    {
        _twilio.FailOn(GatewayOperation.CreateSipCredential, new TwilioRequestRejectedException("Twilio rejected the request with HTTP 400.", 21220, 400));

        var act = () => HandleAsync();

        await act.Should().ThrowAsync<TwilioRequestRejectedException>();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }
}
