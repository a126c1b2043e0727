using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Provisioning;

public sealed class TwilioTrunkProvisionerTests
{
    private static readonly TwilioCredentials Credentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));
    private static readonly ProviderId ProviderId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeLogger<TwilioTrunkProvisioner> _logger = new();
    private readonly FakeTwilioCleanupQueue _cleanups = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeProvisioningIntents _intents;
    private readonly TwilioResourceCleanupOptions _options = new() { UnfinishedConnectGracePeriod = TimeSpan.FromMinutes(7) };
    private readonly TwilioTrunkProvisioner _provisioner;
    private ProvisioningIntent? _intent;

    public TwilioTrunkProvisionerTests()
    {
        _intents = new FakeProvisioningIntents(_time);
        _provisioner = new TwilioTrunkProvisioner(
            _twilio, _protector, _cleanups, _intents, TestValues.Origination(_time), TestValues.OriginationSync(_twilio), Options.Create(_options), _time, _logger);
    }

    private ProvisioningIntent Intent => _intent ?? throw new InvalidOperationException("Nothing was planned.");

    private static TwilioRequestRejectedException DomainTaken() =>
        new("Trunk domain name is already in use.", TwilioRequestRejectedException.TrunkDomainTakenCode, 400);

    private async Task<ProvisionedTrunk> ProvisionAsync(CancellationToken cancellationToken = default)
    {
        _intent = await _provisioner.PlanAsync(Credentials, TestValues.OrganizationId, ProviderId, cancellationToken);
        return await _provisioner.ProvisionAsync(Credentials, _intent, transferEnabled: false, secure: false, cancellationToken);
    }

    private IEnumerable<string> RequestedDomainNames() =>
        _twilio.CallsTo(GatewayOperation.CreateTrunk).Select(c => c.Argument<CreateTwilioTrunkRequest>(0).DomainName);

    private void AccountShouldBeEmpty()
    {
        _twilio.Trunks.Should().BeEmpty("no trunk may be left behind");
        _twilio.CredentialLists.Should().BeEmpty("no credential list may be left behind");
        _twilio.SipCredentials.Should().BeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_return_the_built_trunk_with_the_sip_password_protected()
    {
        var trunk = await ProvisionAsync();

        var sipCall = _twilio.CallsTo(GatewayOperation.CreateSipCredential).Single();
        trunk.TrunkSid.Should().Be(_twilio.Trunks.Single().Key);
        trunk.DomainName.Should().Be(_twilio.Trunks.Single().Value);
        trunk.CredentialListSid.Should().Be(_twilio.CredentialLists.Single().Key);
        trunk.SipCredentialSid.Should().Be(_twilio.SipCredentials.Single().Key);
        trunk.SipUsername.Should().Be(sipCall.Argument<string>(1));
        _protector.Unprotect(TwilioSecrets.SipPassword, ProviderId.Value, trunk.SipPassword).Should().Be(sipCall.Argument<string>(2));
        _twilio.CredentialLists.Single().Value.Should().Be($"VoipProviders {ProviderId.Value:N}");
        _twilio.CallsTo(GatewayOperation.CreateTrunk).Single().Argument<CreateTwilioTrunkRequest>(0).FriendlyName
            .Should().Be($"VoipProviders {ProviderId.Value:N}");
    }

    [Fact]
    public async Task ProvisionAsync_Should_retry_with_another_domain_name_When_the_first_is_taken()
    {
        _twilio.FailOn(GatewayOperation.CreateTrunk, DomainTaken(), callNumber: 1);

        var trunk = await ProvisionAsync();

        var domains = RequestedDomainNames().ToList();
        domains.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        domains.Should().AllSatisfy(d => d.Should().EndWith(TwilioProvider.TrunkDomainSuffix));
        trunk.DomainName.Should().Be(domains[1]);
        _twilio.Trunks.Should().ContainSingle().Which.Value.Should().Be(domains[1]);
        _twilio.Operations.Should().NotContain([GatewayOperation.FindTrunkByDomainName, GatewayOperation.DeleteTrunk]);
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains(domains[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProvisionAsync_Should_give_up_after_three_taken_domain_names()
    {
        var third = DomainTaken();
        _twilio.FailOn(GatewayOperation.CreateTrunk, DomainTaken(), callNumber: 1)
            .FailOn(GatewayOperation.CreateTrunk, DomainTaken(), callNumber: 2)
            .FailOn(GatewayOperation.CreateTrunk, third, callNumber: 3);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(third);
        _twilio.Operations.Should().Equal(GatewayOperation.CreateTrunk, GatewayOperation.CreateTrunk, GatewayOperation.CreateTrunk);
        RequestedDomainNames().Should().OnlyHaveUniqueItems();
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_delete_the_credential_list_then_the_trunk_When_creating_the_sip_credential_fails()
    {
        var failure = new TwilioRequestRejectedException("Password too weak.", 21202, 400);
        _twilio.FailOn(GatewayOperation.CreateSipCredential, failure);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(failure);
        _twilio.Operations.Should().Equal(
            GatewayOperation.CreateTrunk,
            GatewayOperation.CreateCredentialList,
            GatewayOperation.CreateSipCredential,
            GatewayOperation.DeleteCredentialList,
            GatewayOperation.DeleteTrunk);
        _twilio.CallsTo(GatewayOperation.DeleteCredentialList).Single().Argument<string>(0)
            .Should().Be(_twilio.CallsTo(GatewayOperation.CreateSipCredential).Single().Argument<string>(0));
        _twilio.CallsTo(GatewayOperation.DeleteTrunk).Single().Argument<string>(0).Should().StartWith("TK");
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_look_up_the_in_doubt_domain_and_delete_the_trunk_found_When_the_create_outcome_is_unknown()
    {
        var unavailable = new TwilioUnavailableException("Timed out.", httpStatus: 504, outcomeUnknown: true);
        _twilio.FailOn(GatewayOperation.CreateTrunk, unavailable, afterEffect: true);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(unavailable);
        var requestedDomain = RequestedDomainNames().Should().ContainSingle().Subject;
        _twilio.Operations.Should().Equal(GatewayOperation.CreateTrunk, GatewayOperation.FindTrunkByDomainName, GatewayOperation.DeleteTrunk);
        _twilio.CallsTo(GatewayOperation.FindTrunkByDomainName).Single().Argument<string>(0).Should().Be(requestedDomain);
        _twilio.CallsTo(GatewayOperation.DeleteTrunk).Single().Argument<string>(0).Should().StartWith("TK");
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_delete_nothing_When_the_outcome_was_unknown_but_no_trunk_was_created()
    {
        _twilio.FailOn(GatewayOperation.CreateTrunk, new TwilioUnavailableException("Connection reset.", outcomeUnknown: true));

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.Operations.Should().Equal(GatewayOperation.CreateTrunk, GatewayOperation.FindTrunkByDomainName);
    }

    [Fact]
    public async Task ProvisionAsync_Should_neither_look_up_nor_delete_When_the_trunk_create_definitely_failed()
    {
        var rejected = new TwilioRequestRejectedException("Invalid friendly name.", 21201, 400);
        _twilio.FailOn(GatewayOperation.CreateTrunk, rejected);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(rejected);
        _twilio.Operations.Should().Equal(GatewayOperation.CreateTrunk);
    }

    [Fact]
    public async Task ProvisionAsync_Should_not_look_up_When_Twilio_was_unavailable_but_the_request_surely_did_not_run()
    {
        _twilio.FailOn(GatewayOperation.CreateTrunk, new TwilioUnavailableException("Circuit open.", circuitOpen: true, outcomeUnknown: false));

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.Operations.Should().Equal(GatewayOperation.CreateTrunk);
    }

    [Fact]
    public async Task ProvisionAsync_Should_look_up_the_credential_list_by_name_When_its_create_outcome_is_unknown()
    {
        _twilio.FailOn(GatewayOperation.CreateCredentialList, new TwilioUnavailableException("Timed out.", outcomeUnknown: true), afterEffect: true);

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.CallsTo(GatewayOperation.FindCredentialListByFriendlyName).Should().ContainSingle()
            .Which.Argument<string>(0).Should().Be($"VoipProviders {ProviderId.Value:N}");
        _twilio.Operations.Should().ContainInOrder(GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk);
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_swallow_and_log_a_failed_delete_and_still_delete_the_rest()
    {
        var original = new TwilioRequestRejectedException("Association refused.", 21201, 400);
        var deleteFailure = new TwilioUnavailableException("Service unavailable.", httpStatus: 503);
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, original)
            .FailOn(GatewayOperation.DeleteCredentialList, deleteFailure);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(original);
        _twilio.Operations.Should().EndWith([GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk]);
        _twilio.Trunks.Should().BeEmpty();
        var leftOver = _twilio.CredentialLists.Should().ContainSingle().Subject.Key;
        var error = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
        error.Exception.Should().BeSameAs(deleteFailure);
        error.Message.Should().Contain("credential list").And.Contain(leftOver);
        error.Message.Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task ProvisionAsync_Should_keep_the_original_error_and_finish_clean_up_When_a_delete_fails_unexpectedly()
    {
        var original = new TwilioRequestRejectedException("Association refused.", 21201, 400);
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, original)
            .FailOn(GatewayOperation.DeleteCredentialList, new InvalidOperationException("bug in a delete"));

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(original);
        _twilio.Operations.Should().EndWith([GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk]);
        _twilio.Trunks.Should().BeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_clean_up_with_its_own_budget_When_the_caller_cancels_mid_provisioning()
    {
        using var caller = new CancellationTokenSource();
        _twilio.BeforeCall = operation =>
        {
            if (operation == GatewayOperation.CreateSipCredential)
            {
                caller.Cancel();
            }
        };

        var act = () => ProvisionAsync(caller.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _twilio.Operations.Should().EndWith([GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk]);
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task DeprovisionAsync_Should_delete_the_credential_list_and_the_trunk()
    {
        var trunk = await ProvisionAsync();

        await _provisioner.DeprovisionAsync(Credentials, Intent, trunk);

        _twilio.CallsTo(GatewayOperation.DeleteCredentialList).Single().Argument<string>(0).Should().Be(trunk.CredentialListSid);
        _twilio.CallsTo(GatewayOperation.DeleteTrunk).Single().Argument<string>(0).Should().Be(trunk.TrunkSid);
        _twilio.CallsTo(GatewayOperation.DeleteTrunk).Single().Credentials.Should().Be(Credentials);
        AccountShouldBeEmpty();
    }

    [Fact]
    public async Task DeprovisionAsync_Should_not_throw_and_still_delete_the_credential_list_When_deleting_the_trunk_fails()
    {
        var trunk = await ProvisionAsync();
        _twilio.FailOn(GatewayOperation.DeleteTrunk, new TwilioRateLimitedException(TimeSpan.FromSeconds(1), 20429));

        var act = () => _provisioner.DeprovisionAsync(Credentials, Intent, trunk);

        await act.Should().NotThrowAsync();
        _twilio.CredentialLists.Should().BeEmpty();
        _twilio.Trunks.Should().ContainKey(trunk.TrunkSid);
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Error && r.Message.Contains(trunk.TrunkSid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProvisionAsync_Should_hand_what_it_could_not_delete_to_the_durable_clean_up()
    {
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, new TwilioRequestRejectedException("Association refused.", 21201, 400))
            .FailOn(GatewayOperation.DeleteCredentialList, new TwilioUnavailableException("Service unavailable.", httpStatus: 503));

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<TwilioRequestRejectedException>();
        var cleanup = _cleanups.Queued.Should().ContainSingle().Subject;
        cleanup.CredentialListSid.Should().Be(_twilio.CredentialLists.Single().Key);
        cleanup.TrunkSid.Should().StartWith("TK", "the trunk was deleted, but a clean-up deletes both and counts a missing one as done");
        cleanup.OrganizationId.Should().Be(TestValues.OrganizationId);
        cleanup.ProviderId.Should().Be(ProviderId);
        cleanup.AccountSid.Should().Be(TestValues.AccountSid);
        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        _protector.Unprotect(TwilioSecrets.AuthToken, ProviderId.Value, cleanup.AuthToken!.Value)
            .Should().Be(TestValues.AuthToken, "the clean-up job reads the token bound to the provider id");
        cleanup.AuthToken!.Value.CipherText.Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task ProvisionAsync_Should_queue_nothing_When_everything_it_built_was_deleted()
    {
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, new TwilioRequestRejectedException("Association refused.", 21201, 400));

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<TwilioRequestRejectedException>();
        _cleanups.Queued.Should().BeEmpty();
    }

    [Fact]
    public async Task DeprovisionAsync_Should_hand_a_trunk_it_could_not_delete_to_the_durable_clean_up()
    {
        var trunk = await ProvisionAsync();
        _twilio.FailOn(GatewayOperation.DeleteTrunk, new TwilioUnavailableException("Circuit open.", circuitOpen: true, retryAfter: TimeSpan.FromSeconds(10)));

        await _provisioner.DeprovisionAsync(Credentials, Intent, trunk);

        var cleanup = _cleanups.Queued.Should().ContainSingle().Subject;
        cleanup.TrunkSid.Should().Be(trunk.TrunkSid);
        cleanup.CredentialListSid.Should().Be(trunk.CredentialListSid);
    }

    [Fact]
    public async Task PlanAsync_Should_record_the_intent_before_any_Twilio_call()
    {
        var intent = await _provisioner.PlanAsync(Credentials, TestValues.OrganizationId, ProviderId, CancellationToken.None);

        _twilio.Calls.Should().BeEmpty("the intent is committed before the first create");
        _intents.Stored.Should().ContainKey(ProviderId).WhoseValue.Should().BeSameAs(intent);
        _intents.ReconcileAt[ProviderId].Should().Be(TestValues.Start + TimeSpan.FromMinutes(7));
        intent.Status.Should().Be(ProvisioningIntentStatus.Pending);
        intent.OrganizationId.Should().Be(TestValues.OrganizationId);
        intent.AccountSid.Should().Be(TestValues.AccountSid);
        intent.ResourceFriendlyName.Should().Be($"VoipProviders {ProviderId.Value:N}");
        intent.TrunkDomainNames.Should().HaveCount(TwilioTrunkProvisioner.MaxDomainNameAttempts).And.OnlyHaveUniqueItems()
            .And.AllSatisfy(d => d.Should().StartWith("vp-").And.EndWith(TwilioProvider.TrunkDomainSuffix));
        _protector.Unprotect(TwilioSecrets.AuthToken, ProviderId.Value, intent.AuthToken!.Value).Should().Be(TestValues.AuthToken);
        intent.AuthToken!.Value.CipherText.Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task PlanAsync_Should_fail_without_calling_Twilio_When_the_intent_cannot_be_recorded()
    {
        _intents.FailRecordWith = new InvalidOperationException("database down");

        var act = () => ProvisionAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("database down");
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_use_the_planned_names_in_order()
    {
        _twilio.FailOn(GatewayOperation.CreateTrunk, DomainTaken(), callNumber: 1);

        var trunk = await ProvisionAsync();

        RequestedDomainNames().Should().Equal(Intent.TrunkDomainNames.Take(2));
        trunk.DomainName.Should().Be(Intent.TrunkDomainNames[1]);
        _twilio.CredentialLists.Single().Value.Should().Be(Intent.ResourceFriendlyName);
        _intents.Stored.Should().ContainKey(ProviderId, "a built trunk's intent is removed by the connect's commit, not by provisioning");
    }

    [Fact]
    public async Task ProvisionAsync_Should_forget_the_intent_When_everything_it_built_was_deleted()
    {
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, new TwilioRequestRejectedException("Association refused.", 21201, 400));

        await FluentActions.Awaiting(() => ProvisionAsync()).Should().ThrowAsync<TwilioRequestRejectedException>();

        AccountShouldBeEmpty();
        _intents.Forgotten.Should().Equal(ProviderId);
        _intents.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_forget_the_intent_When_the_leftovers_went_to_the_durable_clean_up()
    {
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, new TwilioRequestRejectedException("Association refused.", 21201, 400))
            .FailOn(GatewayOperation.DeleteTrunk, new TwilioUnavailableException("Service unavailable.", httpStatus: 503));

        await FluentActions.Awaiting(() => ProvisionAsync()).Should().ThrowAsync<TwilioRequestRejectedException>();

        _cleanups.Queued.Should().ContainSingle();
        _intents.Forgotten.Should().Equal(ProviderId);
    }

    [Fact]
    public async Task ProvisionAsync_Should_keep_the_intent_for_reconciliation_When_a_trunk_without_a_credential_list_could_not_be_deleted()
    {
        _twilio.FailOn(GatewayOperation.CreateCredentialList, new TwilioRequestRejectedException("Bad name.", 21201, 400))
            .FailOn(GatewayOperation.DeleteTrunk, new TwilioUnavailableException("Service unavailable.", httpStatus: 503));

        await FluentActions.Awaiting(() => ProvisionAsync()).Should().ThrowAsync<TwilioRequestRejectedException>();

        var trunkSid = _twilio.Trunks.Should().ContainSingle().Subject.Key;
        _cleanups.Queued.Should().BeEmpty("a clean-up needs both SIDs");
        _intents.Forgotten.Should().BeEmpty();
        _intents.Stored.Should().ContainKey(ProviderId, "reconciliation finds the trunk by its planned domain name");
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning
            && r.Message.Contains(trunkSid, StringComparison.Ordinal) && r.Message.Contains(ProviderId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProvisionAsync_Should_keep_the_intent_When_a_create_in_doubt_could_not_be_looked_up()
    {
        _twilio.FailOn(GatewayOperation.CreateTrunk, new TwilioUnavailableException("Timed out.", outcomeUnknown: true), afterEffect: true)
            .FailOn(GatewayOperation.FindTrunkByDomainName, new TwilioUnavailableException("Service unavailable.", httpStatus: 503));

        await FluentActions.Awaiting(() => ProvisionAsync()).Should().ThrowAsync<TwilioUnavailableException>();

        _twilio.Trunks.Should().ContainSingle("the create happened, but nobody knows its SID");
        _intents.Forgotten.Should().BeEmpty();
        _intents.Stored.Should().ContainKey(ProviderId);
    }

    [Fact]
    public async Task ProvisionAsync_Should_keep_the_original_error_When_the_intent_cannot_be_forgotten()
    {
        var original = new TwilioRequestRejectedException("Association refused.", 21201, 400);
        _twilio.FailOn(GatewayOperation.AssociateCredentialList, original);
        _intents.FailForgetWith = new InvalidOperationException("database down");

        (await FluentActions.Awaiting(() => ProvisionAsync()).Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(original);

        AccountShouldBeEmpty();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task DeprovisionAsync_Should_forget_the_intent_When_both_resources_were_deleted()
    {
        var trunk = await ProvisionAsync();

        await _provisioner.DeprovisionAsync(Credentials, Intent, trunk);

        AccountShouldBeEmpty();
        _intents.Forgotten.Should().Equal(ProviderId);
    }
}
