using Microsoft.Extensions.Logging.Testing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Application.UnitTests.Verification;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Jobs;

public sealed class RetireSipCredentialCommandHandlerTests
{
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";
    private const string OldSipCredentialSid = "CR0123456789abcdef0123456789abcdef";
    private const string OldUsername = "vpabcdefghij0123456789ab";
    private const string NewSipCredentialSid = "CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string NewUsername = "vpnewnewnewnew0123456789";
    private const string LeftoverSipCredentialSid = "CRbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string LeftoverUsername = "vpleftoverleftover012345";

    private static readonly TwilioCredentials StoredCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));
    private static readonly DateTimeOffset RotatedAt = TestValues.Start.AddDays(1);

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeBackgroundJobContext _job = new();
    private readonly FakeLogger<RetireSipCredentialCommandHandler> _logger = new();
    private readonly RetireSipCredentialCommandHandler _handler;
    private readonly TwilioProvider _provider;

    /// <summary>A provider whose SIP credential was rotated: the new one is current, the old one retires; both are in Twilio.</summary>
    public RetireSipCredentialCommandHandlerTests()
    {
        _handler = new RetireSipCredentialCommandHandler(_providers, _twilio, _protector, _job, _logger);
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
        _twilio.SipCredentials[NewSipCredentialSid] = (CredentialListSid, NewUsername);
        _provider.RotateSipCredential(
            NewSipCredentialSid,
            NewUsername,
            _protector.Protect(TwilioSecrets.SipPassword, _provider.Id.Value, "New-Sip-Password-0123456789abcd"),
            RotatedAt,
            RotatedAt.AddMinutes(15));
        _providers.Seed(_provider);
    }

    private Task<BackgroundJobOutcome> HandleAsync(string username = OldUsername, string? sid = OldSipCredentialSid, Guid? providerId = null, string credentialListSid = CredentialListSid) =>
        _handler.Handle(new RetireSipCredentialCommand(providerId ?? _provider.Id.Value, credentialListSid, username, sid), CancellationToken.None).AsTask();

    private void ProviderShouldStillBeRetiringTheOldCredential()
    {
        _provider.RetiringSipCredentials.Should().Equal(new RetiringSipCredential(OldSipCredentialSid, OldUsername, RotatedAt.AddMinutes(15)));
        _provider.SipUsername.Should().Be(NewUsername);
        _provider.Version.Should().Be(2);
    }

    [Fact]
    public async Task Handle_Should_delete_the_old_credential_by_its_sid_and_stop_showing_it_as_retiring()
    {
        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        var delete = _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Should().ContainSingle().Subject;
        delete.Arguments.Should().Equal(CredentialListSid, OldSipCredentialSid);
        delete.Credentials.Should().Be(StoredCredentials);
        _twilio.Operations.Should().Equal(GatewayOperation.DeleteSipCredential);
        _twilio.SipCredentials.Keys.Should().Equal(NewSipCredentialSid);
        _provider.RetiringSipCredentials.Should().BeEmpty();
        _provider.SipCredentialSid.Should().Be(NewSipCredentialSid);
        _provider.Version.Should().Be(2, "a retirement observes the rotation; it is not a change of the provider");
        _logger.LatestRecord.Message.Should().Contain(OldUsername).And.Contain(CredentialListSid);
    }

    [Fact]
    public async Task Handle_Should_find_the_sid_by_the_username_When_the_job_has_none()
    {
        _twilio.SipCredentials[LeftoverSipCredentialSid] = (CredentialListSid, LeftoverUsername);

        var outcome = await HandleAsync(username: LeftoverUsername, sid: null);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(GatewayOperation.ListSipCredentials, GatewayOperation.DeleteSipCredential);
        _twilio.CallsTo(GatewayOperation.ListSipCredentials).Single().Arguments.Should().Equal(CredentialListSid);
        _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Single().Arguments.Should().Equal(CredentialListSid, LeftoverSipCredentialSid);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_delete_a_credential_a_rotation_created_but_never_stored()
    {
        // The process died between the create in Twilio and the rotation's commit: the safety net finds it by username.
        _twilio.SipCredentials[LeftoverSipCredentialSid] = (CredentialListSid, LeftoverUsername);

        var outcome = await HandleAsync(username: LeftoverUsername, sid: null);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.CallsTo(GatewayOperation.DeleteSipCredential).Should().ContainSingle()
            .Which.Arguments.Should().Equal(CredentialListSid, LeftoverSipCredentialSid);
        _twilio.SipCredentials.Keys.Should().BeEquivalentTo([OldSipCredentialSid, NewSipCredentialSid]);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_complete_without_deleting_When_no_credential_has_the_username_any_more()
    {
        var outcome = await HandleAsync(username: LeftoverUsername, sid: null);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(GatewayOperation.ListSipCredentials);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Theory]
    [InlineData(NewSipCredentialSid)]
    [InlineData(null)]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_username_is_the_providers_current_one(string? sid)
    {
        // The safety net of a rotation that committed: its credential is the current one, not a leftover.
        var outcome = await HandleAsync(username: NewUsername, sid: sid);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        _twilio.SipCredentials.Should().ContainKey(NewSipCredentialSid);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_leave_the_retiring_credential_to_its_own_retirement_When_the_safety_net_of_the_rotation_that_created_it_runs()
    {
        // Rotation 1 (RotatedAt) made NewUsername current and recorded its safety net, due 10 minutes later. Rotation 2,
        // a minute later, replaced it: NewUsername now retires at RotatedAt + 16 minutes. When the safety net runs at
        // RotatedAt + 10 minutes, the credential is still in its grace period and must keep working until then.
        const string SecondSid = "CRcccccccccccccccccccccccccccccccc";
        _twilio.SipCredentials[SecondSid] = (CredentialListSid, "vpsecondsecondsecond0123");
        _provider.RotateSipCredential(
            SecondSid,
            "vpsecondsecondsecond0123",
            _protector.Protect(TwilioSecrets.SipPassword, _provider.Id.Value, "Second-Sip-Password-0123456789ab"),
            RotatedAt.AddMinutes(1),
            RotatedAt.AddMinutes(16));

        var outcome = await HandleAsync(username: NewUsername, sid: null);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.SipCredentials.Should().ContainKey(NewSipCredentialSid, "its grace period lasts until RotatedAt + 16 minutes");
        _provider.RetiringSipCredentials.Should().Contain(new RetiringSipCredential(NewSipCredentialSid, NewUsername, RotatedAt.AddMinutes(16)));
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_provider_is_gone()
    {
        var outcome = await HandleAsync(providerId: Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        _twilio.SipCredentials.Should().ContainKey(OldSipCredentialSid);
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_provider_was_deleted_meanwhile()
    {
        _providers.Remove(_provider);

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_credential_list_is_not_the_providers()
    {
        var outcome = await HandleAsync(credentialListSid: "CLffffffffffffffffffffffffffffffff");

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_ask_to_retry_later_and_keep_the_credential_retiring_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.DeleteSipCredential, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.SipCredentials.Should().ContainKey(OldSipCredentialSid);
        ProviderShouldStillBeRetiringTheOldCredential();
        _logger.LatestRecord.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
        _logger.LatestRecord.Message.Should().Contain(OldUsername);
    }

    [Fact]
    public async Task Handle_Should_ask_to_retry_later_When_Twilio_is_unavailable_for_the_lookup()
    {
        _twilio.FailOn(GatewayOperation.ListSipCredentials, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var outcome = await HandleAsync(username: LeftoverUsername, sid: null);

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.Operations.Should().NotContain(GatewayOperation.DeleteSipCredential);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_give_up_When_Twilio_is_still_unavailable_on_the_last_attempt()
    {
        _job.Attempt = 8;
        _job.IsLastAttempt = true;
        _twilio.FailOn(GatewayOperation.DeleteSipCredential, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_ask_to_retry_later_When_Twilio_rejects_the_stored_credentials()
    {
        _twilio.FailOn(GatewayOperation.DeleteSipCredential, new TwilioCredentialsRejectedException(20003, 401));

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater, "a rotated Auth Token may make the next attempt work");
        ProviderShouldStillBeRetiringTheOldCredential();
    }

    [Fact]
    public async Task Handle_Should_give_up_without_calling_Twilio_When_the_stored_token_cannot_be_decrypted()
    {
        var unreadable = TestValues.ConnectedProvider(
            _protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000ee"), protectedAuthToken: new ProtectedSecret("protected-by-a-key-that-is-gone"));
        _providers.Seed(unreadable);

        var outcome = await HandleAsync(providerId: unreadable.Id.Value, username: LeftoverUsername, sid: LeftoverSipCredentialSid);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _twilio.Calls.Should().BeEmpty();
    }
}
