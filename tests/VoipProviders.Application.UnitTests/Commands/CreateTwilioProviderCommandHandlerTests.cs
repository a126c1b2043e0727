using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class CreateTwilioProviderCommandHandlerTests
{
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeConnectClaims _claims = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly VerificationOptions _verification = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeProvisioningIntents _intents;
    private readonly CreateTwilioProviderCommandHandler _handler;

    public CreateTwilioProviderCommandHandlerTests()
    {
        _intents = new FakeProvisioningIntents(_time);
        var provisioner = new TwilioTrunkProvisioner(
            _twilio, _protector, new FakeTwilioCleanupQueue(), _intents, TestValues.Origination(_time), TestValues.OriginationSync(_twilio), Options.Create(new TwilioResourceCleanupOptions()), _time, new FakeLogger<TwilioTrunkProvisioner>());
        _handler = new CreateTwilioProviderCommandHandler(new FakeOrganizationProviderSettingsRepository(), _providers, _claims, _twilio, provisioner, _intents, _protector, _unitOfWork, new VerificationAfterChange(_jobs, Options.Create(_verification)), new ProviderChanges(_outbox, _audit), new FixedFingerprint(), TestValues.Mappings(), _time);
    }

    private static CreateTwilioProviderCommand Command(string? name = null, string? region = null, bool? supportsCallTransfer = null) =>
        new(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), name, region, supportsCallTransfer);

    [Fact]
    public async Task Handle_Should_throw_conflict_without_calling_Twilio_When_the_account_is_already_connected()
    {
        _providers.Seed(TestValues.ConnectedProvider(_protector));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be(TwilioProviderConflicts.AccountAlreadyConnectedCode);
        _twilio.Calls.Should().BeEmpty();
        _providers.Added.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
        NothingShouldHaveBeenRecorded();
    }

    [Fact]
    public async Task Handle_Should_connect_When_the_same_account_is_connected_in_another_organization_only()
    {
        _providers.Seed(TestValues.ConnectedProvider(_protector, organizationId: TestValues.OtherOrganizationId));

        await _handler.Handle(Command(), CancellationToken.None);

        _providers.Added.Should().ContainSingle().Which.OrganizationId.Should().Be(TestValues.OrganizationId);
    }

    [Fact]
    public async Task Handle_Should_propagate_the_rejection_and_add_nothing_When_Twilio_rejects_the_credentials()
    {
        var rejected = new TwilioCredentialsRejectedException(20003, 401);
        _twilio.FailOn(GatewayOperation.FetchAccount, rejected);

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.Should().BeSameAs(rejected);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        _providers.Added.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().Equal(["release the connect claim"], "nothing was built in Twilio; only the claim is given back");
    }

    [Theory]
    [InlineData("suspended")]
    [InlineData("closed")]
    public async Task Handle_Should_throw_not_active_and_provision_nothing_When_the_account_is_not_active(string status)
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", status);

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioAccountNotActiveException>()).Which.AccountStatus.Should().Be(status);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        _twilio.Trunks.Should().BeEmpty();
        _providers.Added.Should().BeEmpty();
        NothingShouldHaveBeenRecorded();
    }

    [Fact]
    public async Task Handle_Should_validate_then_build_the_trunk_in_order_with_the_callers_credentials()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        _twilio.Operations.Should().Equal(
            GatewayOperation.FetchAccount,
            GatewayOperation.CreateTrunk,
            GatewayOperation.CreateCredentialList,
            GatewayOperation.CreateSipCredential,
            GatewayOperation.AssociateCredentialList,
            GatewayOperation.CreateOriginationUrl);
        _twilio.Calls.Should().AllSatisfy(call =>
            call.Credentials.Should().Be(new TwilioCredentials(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken))));
    }

    [Fact]
    public async Task Handle_Should_associate_the_credential_list_it_created_with_the_trunk_it_created()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        var trunkSid = _twilio.Trunks.Should().ContainSingle().Subject.Key;
        var credentialListSid = _twilio.CredentialLists.Should().ContainSingle().Subject.Key;
        _twilio.SipCredentials.Should().ContainSingle().Which.Value.CredentialListSid.Should().Be(credentialListSid);
        _twilio.Associations.Should().Equal((trunkSid, credentialListSid));
        var provider = _providers.Added.Should().ContainSingle().Subject;
        provider.TrunkSid.Should().Be(trunkSid);
        provider.CredentialListSid.Should().Be(credentialListSid);
        provider.SipCredentialSid.Should().Be(_twilio.SipCredentials.Single().Key);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public async Task Handle_Should_create_a_pstn_trunk_whose_transfer_mode_follows_the_command(bool? supportsCallTransfer, bool expected)
    {
        var response = await _handler.Handle(Command(supportsCallTransfer: supportsCallTransfer), CancellationToken.None);

        var request = _twilio.CallsTo(GatewayOperation.CreateTrunk).Should().ContainSingle().Subject.Argument<CreateTwilioTrunkRequest>(0);
        request.DomainName.Should().EndWith(".pstn.twilio.com").And.MatchRegex("^vp-[a-f0-9]+\\.pstn\\.twilio\\.com$");
        request.TransferEnabled.Should().Be(expected);
        response.SupportsCallTransfer.Should().Be(expected);
        _providers.Added.Single().SupportsCallTransfer.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_Should_create_a_strong_sip_credential_and_store_its_password_protected()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        var call = _twilio.CallsTo(GatewayOperation.CreateSipCredential).Should().ContainSingle().Subject;
        var username = call.Argument<string>(1);
        var password = call.Argument<string>(2);
        username.Length.Should().BeInRange(1, 32);
        password.Length.Should().BeGreaterThanOrEqualTo(32);
        password.Should().Match(p => p.Any(char.IsAsciiLetterUpper) && p.Any(char.IsAsciiLetterLower) && p.Any(char.IsAsciiDigit));

        var provider = _providers.Added.Should().ContainSingle().Subject;
        provider.SipUsername.Should().Be(username);
        provider.SipPassword.CipherText.Should().NotContain(password);
        _protector.Unprotect(TwilioSecrets.SipPassword, provider.Id.Value, provider.SipPassword).Should().Be(password);
    }

    [Fact]
    public async Task Handle_Should_add_the_provider_with_the_auth_token_protected_for_that_provider()
    {
        await _handler.Handle(Command(), CancellationToken.None);

        var provider = _providers.Added.Should().ContainSingle().Subject;
        provider.AuthToken.CipherText.Should().NotContain(TestValues.AuthToken);
        _protector.Unprotect(TwilioSecrets.AuthToken, provider.Id.Value, provider.AuthToken).Should().Be(TestValues.AuthToken);
        var act = () => _protector.Unprotect(TwilioSecrets.AuthToken, Guid.NewGuid(), provider.AuthToken);
        act.Should().Throw<System.Security.Cryptography.CryptographicException>("the token is bound to its provider");
    }

    [Fact]
    public async Task Handle_Should_default_to_the_account_friendly_name_and_us1_When_neither_is_given()
    {
        var response = await _handler.Handle(Command(), CancellationToken.None);

        var provider = _providers.Added.Should().ContainSingle().Subject;
        provider.Name.Should().Be("Acme Telecom");
        provider.Region.Should().BeSameAs(TwilioRegion.Us1);
        response.Name.Should().Be("Acme Telecom");
        response.Region.Should().Be("us1");
        response.TerminationUri.Should().Be($"sip:{provider.TrunkDomainName[..^".pstn.twilio.com".Length]}.pstn.ashburn.twilio.com");
    }

    [Fact]
    public async Task Handle_Should_use_the_given_name_and_region()
    {
        var response = await _handler.Handle(Command(name: "Support line", region: "jp1"), CancellationToken.None);

        response.Name.Should().Be("Support line");
        response.Region.Should().Be("jp1");
        response.TerminationUri.Should().EndWith(".pstn.tokyo.twilio.com");
    }

    [Fact]
    public async Task Handle_Should_name_the_provider_after_the_account_sid_When_the_friendly_name_is_blank()
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "  ", TwilioAccount.ActiveStatus);

        var response = await _handler.Handle(Command(), CancellationToken.None);

        response.Name.Should().Be($"Twilio {TestValues.AccountSid}");
    }

    [Theory]
    [InlineData("Acme\nTelecom\u202E", "AcmeTelecom")]
    [InlineData("\tAcme Telecom\r\n", "Acme Telecom")]
    [InlineData("\u2028\u0007", "Twilio AC0123456789abcdef0123456789abcdef")]
    public async Task Handle_Should_drop_what_a_display_name_may_not_hold_from_the_friendly_name(string friendlyName, string expected)
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, friendlyName, TwilioAccount.ActiveStatus);

        var response = await _handler.Handle(Command(), CancellationToken.None);

        response.Name.Should().Be(expected, "Twilio allows characters in friendly names that our names refuse; connecting must not fail on them");
    }

    [Fact]
    public async Task Handle_Should_trim_and_cut_the_friendly_name_to_100_characters_When_it_is_longer()
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "  " + new string('a', 99) + "bcdef  ", TwilioAccount.ActiveStatus);

        var response = await _handler.Handle(Command(), CancellationToken.None);

        response.Name.Should().Be(new string('a', 99) + "b");
    }

    [Fact]
    public async Task Handle_Should_return_the_mapped_provider_it_added()
    {
        var response = await _handler.Handle(Command(region: "ie1"), CancellationToken.None);

        var provider = _providers.Added.Should().ContainSingle().Subject;
        response.Should().BeEquivalentTo(new
        {
            Id = provider.Id.Value,
            provider.Name,
            ProviderType = TwilioProviderKind.Type,
            AccountSid = TestValues.AccountSid.Value,
            VerificationStatus = VerificationStatus.Pending,
            LastVerifiedAt = (DateTimeOffset?)null,
            PhoneNumberCount = 0,
            VerificationDetails = (IReadOnlyList<VerificationCheckResponse>?)null,
            provider.TrunkSid,
            provider.TerminationUri,
            Region = "ie1",
            SupportsCallTransfer = false,
            CreatedAt = TestValues.Start,
            UpdatedAt = TestValues.Start,
            Version = 1L,
        });
        provider.CreatedAt.Should().Be(TestValues.Start);
        provider.OrganizationId.Should().Be(TestValues.OrganizationId);
    }

    [Fact]
    public async Task Handle_Should_register_a_compensation_that_deletes_what_it_built_in_Twilio()
    {
        await _handler.Handle(Command(), CancellationToken.None);
        _unitOfWork.CompensationDescriptions.Should().HaveCount(2).And.StartWith("release the connect claim", "registered first, it runs last");
        _twilio.Trunks.Should().NotBeEmpty();

        await _unitOfWork.CompensateAsync();

        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().BeEmpty();
        _twilio.SipCredentials.Should().BeEmpty();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_keep_what_it_built_in_Twilio_When_the_provider_is_found_committed_at_compensation()
    {
        // The commit was judged failed, but the provider it stored is there: its trunk must stay.
        await _handler.Handle(Command(), CancellationToken.None);
        _providers.CommittedByOthers = _providers.Added.Single();

        await _unitOfWork.CompensateAsync();

        _twilio.Trunks.Should().ContainSingle();
        _twilio.CredentialLists.Should().ContainSingle();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_register_no_compensation_and_leave_nothing_in_Twilio_When_provisioning_fails()
    {
        var failure = new TwilioRequestRejectedException("Association refused.", 21201, 400);
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, failure);

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(failure);
        _providers.Added.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().Equal(["release the connect claim"], "nothing was built in Twilio; only the claim is given back");
        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().BeEmpty();
        NothingShouldHaveBeenRecorded();
    }

    [Fact]
    public async Task Handle_Should_queue_the_background_verification_of_the_new_provider_in_its_own_transaction()
    {
        var response = await _handler.Handle(Command(), CancellationToken.None);

        _jobs.Enqueued.Should().Equal(new VerifyProviderAfterChangeCommand(response.Id, 1));
    }

    [Fact]
    public async Task Handle_Should_queue_no_verification_When_verification_after_changes_is_turned_off()
    {
        _verification.VerifyAfterChanges = false;

        await _handler.Handle(Command(), CancellationToken.None);

        _jobs.Enqueued.Should().BeEmpty();
        _providers.Added.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_queue_no_verification_When_Twilio_rejects_the_credentials()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        _jobs.Enqueued.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_answer_connect_in_progress_without_calling_Twilio_When_another_request_is_connecting_the_account()
    {
        _claims.HeldByOthers.Add((TestValues.OrganizationId, TestValues.AccountSid));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be(TwilioProviderConflicts.ConnectInProgressCode);
        _twilio.Calls.Should().BeEmpty();
        _providers.Added.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_release_its_claim_once_the_create_commits()
    {
        await _handler.Handle(Command(), CancellationToken.None);
        _claims.Held.Should().ContainSingle("the claim is held until the commit");

        await _unitOfWork.CommitAsync(CancellationToken.None);

        _claims.Held.Should().BeEmpty();
        _claims.Released.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_release_its_claim_after_the_other_compensations_When_the_create_fails()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        await _unitOfWork.CompensateAsync();
        _claims.Held.Should().BeEmpty("a failed connect must not block the next attempt");
    }

    [Fact]
    public async Task Handle_Should_record_the_provisioning_intent_after_validating_and_before_the_first_create_and_fulfil_it_with_the_provider()
    {
        var operationsWhenRecorded = new List<string>();
        _twilio.BeforeCall = operation =>
        {
            if (operation == GatewayOperation.CreateTrunk && operationsWhenRecorded.Count == 0)
            {
                _intents.Stored.Should().ContainSingle("the intent is committed before the first create");
                operationsWhenRecorded.AddRange(_twilio.Operations);
            }
        };

        var response = await _handler.Handle(Command(), CancellationToken.None);

        operationsWhenRecorded.Should().Equal([GatewayOperation.FetchAccount, GatewayOperation.CreateTrunk], "validated first, and the intent was there when the first create started");
        var intent = _intents.Stored.Should().ContainSingle().Subject.Value;
        intent.Id.Value.Should().Be(response.Id, "the intent is the provider's, under the provider's id");
        _intents.Fulfilled.Should().Equal(ProviderId.From(response.Id));
        var provider = _providers.Added.Should().ContainSingle().Subject;
        intent.TrunkDomainNames.Should().Contain(provider.TrunkDomainName);
    }

    [Fact]
    public async Task Handle_Should_record_no_intent_When_Twilio_rejects_the_credentials()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        await FluentActions.Awaiting(async () => await _handler.Handle(Command(), CancellationToken.None)).Should().ThrowAsync<TwilioCredentialsRejectedException>();

        _intents.Stored.Should().BeEmpty();
        _intents.Fulfilled.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_leave_the_intent_unfulfilled_and_forgotten_When_provisioning_fails_and_everything_was_deleted()
    {
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, new TwilioRequestRejectedException("Association refused.", 21201, 400));

        await FluentActions.Awaiting(async () => await _handler.Handle(Command(), CancellationToken.None)).Should().ThrowAsync<TwilioRequestRejectedException>();

        _intents.Fulfilled.Should().BeEmpty();
        _intents.Forgotten.Should().ContainSingle();
        _intents.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_forget_the_intent_When_the_commit_fails_and_the_compensation_deletes_everything()
    {
        var response = await _handler.Handle(Command(), CancellationToken.None);

        await _unitOfWork.CompensateAsync();

        _intents.Forgotten.Should().Equal(ProviderId.From(response.Id));
        _twilio.Trunks.Should().BeEmpty();
    }

    // ----- Integration event and audit trail -----

    [Fact]
    public async Task Handle_Should_announce_the_connected_provider_with_its_envelope()
    {
        await _handler.Handle(Command(name: "Main line", region: "ie1", supportsCallTransfer: true), CancellationToken.None);

        var provider = _providers.Added.Should().ContainSingle().Subject;
        var connected = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderConnected>().Subject;
        connected.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId.Value,
            ProviderId = provider.Id.Value,
            ProviderVersion = 1L,
            Name = "Main line",
            AccountSid = TestValues.AccountSid.Value,
            Region = "ie1",
            provider.TerminationUri,
            SecureTrunking = provider.SecureTrunking,
            SupportsCallTransfer = true,
        });
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_resources_and_the_tokens_fingerprint_and_no_secret()
    {
        await _handler.Handle(Command(name: "Main line"), CancellationToken.None);

        var provider = _providers.Added.Should().ContainSingle().Subject;
        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.ProviderConnected);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(provider.Id.Value);
        record.Details["name"].Should().Be("Main line");
        record.Details["accountSid"].Should().Be(TestValues.AccountSid.Value);
        record.Details["region"].Should().Be("us1");
        record.Details["trunkSid"].Should().Be(provider.TrunkSid);
        record.Details["credentialListSid"].Should().Be(provider.CredentialListSid);
        record.Details["sipUsername"].Should().Be(provider.SipUsername);
        record.Details["terminationUri"].Should().Be(provider.TerminationUri);
        record.Details["authTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.AuthToken));
        _audit.Refusals.Should().BeEmpty();

        var sipPassword = _twilio.CallsTo(GatewayOperation.CreateSipCredential).Single().Argument<string>(2);
        _audit.DetailsJson().Should().NotContain(TestValues.AuthToken).And.NotContain(sipPassword);
    }

    [Fact]
    public async Task Handle_Should_record_a_refusal_with_the_tokens_fingerprint_When_Twilio_rejects_the_token()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        var refusal = _audit.Refusals.Should().ContainSingle().Subject;
        refusal.Action.Should().Be(AuditActions.ProviderConnected);
        refusal.Outcome.Should().Be(AuditOutcome.Rejected);
        refusal.OrganizationId.Should().Be(TestValues.OrganizationId);
        refusal.ProviderId.Should().BeNull("no provider was created");
        refusal.Details["reason"].Should().Be("twilio_rejected_token");
        refusal.Details["accountSid"].Should().Be(TestValues.AccountSid.Value);
        refusal.Details["authTokenFingerprint"].Should().Be(FixedFingerprint.Of(TestValues.AuthToken));
        _audit.DetailsJson().Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task Handle_Should_record_nothing_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503));

        var act = async () => await _handler.Handle(Command(), CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        NothingShouldHaveBeenRecorded();
    }

    private void NothingShouldHaveBeenRecorded()
    {
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }
}
