using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs;
using VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Jobs;

/// <summary>What a connect that never finished left in the tenant's account is found by its planned names and deleted.</summary>
public sealed class ReconcileProvisioningIntentCommandHandlerTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";
    private const string OtherTrunkSid = "TKffffffffffffffffffffffffffffffff";
    private const string OtherCredentialListSid = "CLffffffffffffffffffffffffffffffff";
    private const string IntentToken = "abcdefabcdefabcdefabcdefabcdef02";

    private static readonly Guid IntentId = Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000002");

    /// <summary>The intent's id as the intents store keys it: the id the provider would have had.</summary>
    private static readonly ProviderId IntentProviderId = ProviderId.From(IntentId);
    private static readonly string[] DomainNames = ["vp-00000000000000000000000000000001.pstn.twilio.com", "vp-00000000000000000000000000000002.pstn.twilio.com"];
    private static readonly string FriendlyName = $"VoipProviders {IntentId:N}";

    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeBackgroundJobContext _job = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<ReconcileProvisioningIntentCommandHandler> _logger = new();
    private readonly FakeProvisioningIntents _intents;
    private readonly ProvisioningIntent _intent;

    public ReconcileProvisioningIntentCommandHandlerTests()
    {
        _intents = new FakeProvisioningIntents(_time);
        _intent = ProvisioningIntent.Record(
            IntentProviderId,
            TestValues.OrganizationId,
            TestValues.AccountSid,
            _protector.Protect(TwilioSecrets.AuthToken, IntentId, IntentToken),
            DomainNames,
            FriendlyName,
            TestValues.Start);
        _intents.Stored.Add(IntentProviderId, _intent);
        _twilio.Trunks[OtherTrunkSid] = "vp-someone-else.pstn.twilio.com";
        _twilio.CredentialLists[OtherCredentialListSid] = "VoipProviders 00000000000000000000000000000000";
        _time.Advance(TimeSpan.FromMinutes(10));
    }

    private async Task<BackgroundJobOutcome> RunAsync(int maxAttemptsWhenCredentialsRejected = 3) =>
        await new ReconcileProvisioningIntentCommandHandler(
                _intents, _twilio, _protector, new TwilioCleanupRun(_job, TestValues.CleanupOptions(maxAttemptsWhenCredentialsRejected), _time), _logger)
            .Handle(new ReconcileProvisioningIntentCommand(IntentId), CancellationToken.None);

    private void BuiltByTheConnect(bool trunk = true, bool credentialList = true, int domainName = 0)
    {
        if (trunk)
        {
            _twilio.Trunks[TrunkSid] = DomainNames[domainName];
        }

        if (credentialList)
        {
            _twilio.CredentialLists[CredentialListSid] = FriendlyName;
        }
    }

    private void OthersShouldBeUntouched()
    {
        _twilio.Trunks.Should().ContainKey(OtherTrunkSid);
        _twilio.CredentialLists.Should().ContainKey(OtherCredentialListSid);
    }

    [Fact]
    public async Task A_settled_intent_is_done_without_calling_Twilio()
    {
        _intents.Stored.Clear();

        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);

        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_crashed_connect_has_its_trunk_and_credential_list_deleted_with_its_own_credentials_and_the_intent_removed()
    {
        BuiltByTheConnect();

        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);

        _twilio.Trunks.Should().NotContainKey(TrunkSid);
        _twilio.CredentialLists.Should().NotContainKey(CredentialListSid);
        OthersShouldBeUntouched();
        _twilio.Calls.Should().AllSatisfy(c => c.Credentials.Should().Be(new TwilioCredentials(TestValues.AccountSid, TwilioAuthToken.From(IntentToken))));
        _twilio.CallsTo(GatewayOperation.FindCredentialListByFriendlyName).Single().Argument<string>(0).Should().Be(FriendlyName);
        _twilio.CallsTo(GatewayOperation.FindTrunkByDomainName).Select(c => c.Argument<string>(0)).Should().Equal(DomainNames);
        _twilio.Operations.Should().ContainInOrder(GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk);
        _intents.Removed.Should().Equal(IntentProviderId);
        _intent.Status.Should().Be(ProvisioningIntentStatus.Reconciling, "taken before anything was deleted");
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains(TrunkSid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trunk_built_under_a_later_planned_name_and_no_credential_list_is_found_and_deleted()
    {
        BuiltByTheConnect(credentialList: false, domainName: 1);

        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);

        _twilio.Trunks.Should().NotContainKey(TrunkSid);
        _twilio.Operations.Should().NotContain(GatewayOperation.DeleteCredentialList);
        OthersShouldBeUntouched();
        _intents.Removed.Should().Equal(IntentProviderId);
    }

    [Fact]
    public async Task A_connect_that_died_before_building_anything_is_settled_without_deletes()
    {
        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);

        _twilio.Operations.Should().NotContain([GatewayOperation.DeleteTrunk, GatewayOperation.DeleteCredentialList]);
        OthersShouldBeUntouched();
        _intents.Removed.Should().Equal(IntentProviderId);
    }

    [Fact]
    public async Task Twilio_unavailable_is_retried_later_and_the_intent_kept_with_the_failure()
    {
        BuiltByTheConnect();
        _twilio.FailOn(GatewayOperation.DeleteTrunk, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        (await RunAsync()).Should().Be(BackgroundJobOutcome.RetryLater);

        _intents.Removed.Should().BeEmpty();
        _intent.Status.Should().Be(ProvisioningIntentStatus.Reconciling);
        _intent.FailedAttempts.Should().Be(1);
        _intent.LastFailure.Should().Contain("503");
        _twilio.CredentialLists.Should().NotContainKey(CredentialListSid, "what could be deleted was");

        _job.Attempt = 2;
        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed, "the next run picks up a reconciling intent");
        _twilio.Trunks.Should().NotContainKey(TrunkSid);
        _intents.Removed.Should().Equal(IntentProviderId);
    }

    [Fact]
    public async Task Out_of_retries_it_gives_up_drops_the_credentials_and_names_what_to_look_for()
    {
        BuiltByTheConnect();
        _twilio.FailOn(GatewayOperation.FindCredentialListByFriendlyName, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));
        _job.IsLastAttempt = true;

        (await RunAsync()).Should().Be(BackgroundJobOutcome.GaveUp);

        _intent.Status.Should().Be(ProvisioningIntentStatus.Abandoned);
        _intent.AuthToken.Should().BeNull();
        var error = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
        error.Message.Should().Contain(DomainNames[0]).And.Contain(FriendlyName).And.NotContain(IntentToken);
        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed, "an abandoned intent is left for an operator");
    }

    [Fact]
    public async Task Rejected_credentials_stop_after_the_configured_number_of_runs()
    {
        BuiltByTheConnect();
        _twilio.FailOn(GatewayOperation.FindCredentialListByFriendlyName, new TwilioCredentialsRejectedException(20003, 401), callNumber: 1)
            .FailOn(GatewayOperation.FindCredentialListByFriendlyName, new TwilioCredentialsRejectedException(20003, 401), callNumber: 2);

        (await RunAsync(maxAttemptsWhenCredentialsRejected: 2)).Should().Be(BackgroundJobOutcome.RetryLater);
        _job.Attempt = 2;
        (await RunAsync(maxAttemptsWhenCredentialsRejected: 2)).Should().Be(BackgroundJobOutcome.GaveUp);

        _intent.Status.Should().Be(ProvisioningIntentStatus.Abandoned);
        _intent.FailedAttempts.Should().Be(2);
        _twilio.Trunks.Should().ContainKey(TrunkSid);
    }

    [Fact]
    public async Task Credentials_that_cannot_be_decrypted_give_up_at_once_without_calling_Twilio()
    {
        BuiltByTheConnect();
        var unreadable = ProvisioningIntent.Record(
            IntentProviderId,
            TestValues.OrganizationId,
            TestValues.AccountSid,
            _protector.Protect(TwilioSecrets.AuthToken, Guid.NewGuid(), IntentToken),
            DomainNames,
            FriendlyName,
            TestValues.Start);
        _intents.Stored[IntentProviderId] = unreadable;

        (await RunAsync()).Should().Be(BackgroundJobOutcome.GaveUp);

        _twilio.Calls.Should().BeEmpty();
        unreadable.Status.Should().Be(ProvisioningIntentStatus.Abandoned);
        unreadable.AuthToken.Should().BeNull();
    }
}
