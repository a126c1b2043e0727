using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Jobs;

public sealed class CleanUpTwilioResourcesCommandHandlerTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";

    /// <summary>The deleted provider's token; distinct from the shared sample so a call made with it can only come from the clean-up.</summary>
    private const string DeletedProviderToken = "abcdefabcdefabcdefabcdefabcdef01";

    private static readonly DateTimeOffset DeletedAt = TestValues.Start.AddDays(10);
    private static readonly Guid CleanupId = Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000001");
    private static readonly TwilioCredentials DeletedProviderCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(DeletedProviderToken));

    private readonly FakeTwilioResourceCleanupRepository _cleanups = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeBackgroundJobContext _job = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<CleanUpTwilioResourcesCommandHandler> _logger = new();
    private readonly TwilioResourceCleanup _cleanup;
    private readonly string _protectedToken;

    public CleanUpTwilioResourcesCommandHandlerTests()
    {
        var provider = TestValues.ConnectedProvider(_protector, authToken: DeletedProviderToken, now: TestValues.Start);
        _cleanup = provider.PlanResourceCleanup(CleanupId, DeletedAt);
        _protectedToken = _cleanup.AuthToken!.Value.CipherText;
        _cleanups.Add(_cleanup);
        _twilio.Trunks[TrunkSid] = provider.TrunkDomainName;
        _twilio.CredentialLists[CredentialListSid] = $"VoipProviders {provider.Id.Value:N}";
        _twilio.SipCredentials[provider.SipCredentialSid] = (CredentialListSid, provider.SipUsername);
        _twilio.Associations.Add((TrunkSid, CredentialListSid));
        _time.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
    }

    private CleanUpTwilioResourcesCommandHandler Handler(int maxAttemptsWhenCredentialsRejected = 3) =>
        new(_cleanups, _twilio, _protector, new TwilioCleanupRun(_job, TestValues.CleanupOptions(maxAttemptsWhenCredentialsRejected), _time), _logger);

    private async Task<BackgroundJobOutcome> RunAsync(Guid? cleanupId = null, int maxAttemptsWhenCredentialsRejected = 3) =>
        await Handler(maxAttemptsWhenCredentialsRejected).Handle(new CleanUpTwilioResourcesCommand(cleanupId ?? CleanupId), CancellationToken.None);

    private static TwilioUnavailableException Unavailable() => new("Twilio answered 503.", httpStatus: 503);

    private static TwilioCredentialsRejectedException Rejected() => new(20003, 401);

    private void NoLogShouldContainTheToken()
    {
        foreach (var record in _logger.Collector.GetSnapshot())
        {
            record.Message.Should().NotContain(DeletedProviderToken).And.NotContain(_protectedToken);
            (record.StructuredState ?? []).Should().NotContain(pair => pair.Value != null
                && (pair.Value.Contains(DeletedProviderToken, StringComparison.Ordinal) || pair.Value.Contains(_protectedToken, StringComparison.Ordinal)));
        }
    }

    private void ResourcesShouldStillExist()
    {
        _twilio.Trunks.Should().ContainKey(TrunkSid);
        _twilio.CredentialLists.Should().ContainKey(CredentialListSid);
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_clean_up_no_longer_exists()
    {
        var outcome = await RunAsync(cleanupId: Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-0000000000ff"));

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        _cleanups.Stored.Should().ContainSingle().Which.Should().BeSameAs(_cleanup);
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_and_keep_the_record_When_the_clean_up_was_abandoned()
    {
        _cleanup.Abandon(DeletedAt.AddMinutes(1));

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        _cleanups.Stored.Should().ContainSingle().Which.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        ResourcesShouldStillExist();
    }

    [Fact]
    public async Task Handle_Should_delete_the_trunk_then_the_credential_list_with_the_deleted_providers_credentials()
    {
        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(GatewayOperation.DeleteTrunk, GatewayOperation.DeleteCredentialList);
        _twilio.Calls[0].Arguments.Should().Equal(TrunkSid);
        _twilio.Calls[1].Arguments.Should().Equal(CredentialListSid);
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(DeletedProviderCredentials));
    }

    [Fact]
    public async Task Handle_Should_remove_the_resources_from_Twilio_and_the_clean_up_from_the_store_When_it_succeeds()
    {
        await RunAsync();

        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().BeEmpty();
        _twilio.SipCredentials.Should().BeEmpty();
        _twilio.Associations.Should().BeEmpty();
        _cleanups.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_log_the_completion_with_the_sids_and_no_secret()
    {
        _job.Attempt = 2;

        await RunAsync();

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Information);
        record.Message.Should().Contain(TrunkSid).And.Contain(CredentialListSid).And.Contain(CleanupId.ToString());
        record.GetStructuredStateValue("Attempt").Should().Be("2");
        NoLogShouldContainTheToken();
    }

    [Fact]
    public async Task Handle_Should_retry_later_and_record_the_failure_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable());

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.Operations.Should().Equal(GatewayOperation.DeleteTrunk);
        var stored = _cleanups.Stored.Should().ContainSingle().Subject;
        stored.Status.Should().Be(ResourceCleanupStatus.Pending);
        stored.FailedAttempts.Should().Be(1);
        stored.LastFailure.Should().Be("twilio_unavailable (HTTP 503, Twilio code none)");
        stored.UpdatedAt.Should().Be(_time.GetUtcNow());
        stored.AuthToken.Should().NotBeNull("the next run needs the credentials");
        stored.AuthToken!.Value.CipherText.Should().Be(_protectedToken);
    }

    [Fact]
    public async Task Handle_Should_log_a_retryable_failure_as_a_warning_with_the_sids_and_no_secret()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable());

        await RunAsync();

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Contain(TrunkSid).And.Contain(CredentialListSid).And.Contain("twilio_unavailable");
        NoLogShouldContainTheToken();
    }

    [Fact]
    public async Task Handle_Should_never_record_a_secret_in_the_failure()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());

        await RunAsync();

        _cleanup.LastFailure.Should().Be("twilio_credentials_rejected (HTTP 401, Twilio code 20003)")
            .And.NotContain(DeletedProviderToken)
            .And.NotContain(_protectedToken);
    }

    [Fact]
    public async Task Handle_Should_retry_later_When_Twilio_is_rate_limiting()
    {
        _twilio.FailOn(GatewayOperation.DeleteCredentialList, new TwilioRateLimitedException(TimeSpan.FromSeconds(30), 20429));

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _cleanup.LastFailure.Should().Be("twilio_rate_limited (HTTP 429, Twilio code 20429)");
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
    }

    [Fact]
    public async Task Handle_Should_finish_on_the_next_run_When_the_credential_list_failed_after_the_trunk_was_deleted()
    {
        _twilio.FailOn(GatewayOperation.DeleteCredentialList, Unavailable());

        var first = await RunAsync();

        first.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().ContainKey(CredentialListSid);
        _cleanups.Stored.Should().ContainSingle();

        _job.Attempt = 2;
        var second = await RunAsync();

        second.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(
            GatewayOperation.DeleteTrunk,
            GatewayOperation.DeleteCredentialList,
            GatewayOperation.DeleteTrunk,
            GatewayOperation.DeleteCredentialList);
        _twilio.CredentialLists.Should().BeEmpty();
        _cleanups.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_count_every_failed_run()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable(), callNumber: 1)
            .FailOn(GatewayOperation.DeleteTrunk, Rejected(), callNumber: 2);

        await RunAsync();
        _job.Attempt = 2;
        await RunAsync();

        _cleanup.FailedAttempts.Should().Be(2);
        _cleanup.LastFailure.Should().StartWith("twilio_credentials_rejected");
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
    }

    [Fact]
    public async Task Handle_Should_give_up_abandon_and_drop_the_credentials_When_Twilio_is_unavailable_on_the_last_attempt()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable());
        _job.Attempt = 8;
        _job.IsLastAttempt = true;

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        var stored = _cleanups.Stored.Should().ContainSingle("an abandoned clean-up stays for an operator to see").Subject;
        stored.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        stored.AuthToken.Should().BeNull();
        stored.FailedAttempts.Should().Be(1);
        stored.LastFailure.Should().Be("twilio_unavailable (HTTP 503, Twilio code none)");
        stored.UpdatedAt.Should().Be(_time.GetUtcNow());
        ResourcesShouldStillExist();
    }

    [Fact]
    public async Task Handle_Should_log_an_error_naming_the_resources_to_delete_by_hand_When_it_gives_up_on_an_unavailable_Twilio()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable());
        _job.Attempt = 8;
        _job.IsLastAttempt = true;

        await RunAsync();

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Error);
        record.Message.Should().Contain(TrunkSid).And.Contain(CredentialListSid).And.Contain(TestValues.AccountSid.Value);
        NoLogShouldContainTheToken();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Handle_Should_retry_later_and_keep_the_credentials_When_Twilio_rejects_them_before_the_limit(int attempt)
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());
        _job.Attempt = attempt;

        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        _cleanup.AuthToken.Should().NotBeNull();
        _cleanup.FailedAttempts.Should().Be(1);
        _cleanup.LastFailure.Should().Be("twilio_credentials_rejected (HTTP 401, Twilio code 20003)");
        _logger.Collector.GetSnapshot().Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Handle_Should_give_up_abandon_and_drop_the_credentials_When_Twilio_rejects_them_at_the_limit(int attempt)
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());
        _job.Attempt = attempt;

        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        _cleanup.AuthToken.Should().BeNull();
        _cleanup.FailedAttempts.Should().Be(1);
        _cleanup.LastFailure.Should().Be("twilio_credentials_rejected (HTTP 401, Twilio code 20003)");
        _cleanups.Stored.Should().ContainSingle();
        _twilio.Operations.Should().Equal(GatewayOperation.DeleteTrunk);
        ResourcesShouldStillExist();
    }

    [Fact]
    public async Task Handle_Should_warn_naming_the_trunk_and_credential_list_but_never_the_token_When_it_stops_on_rejected_credentials()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());
        _job.Attempt = 3;

        await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Id.Id.Should().Be(2202);
        record.Message.Should().Contain(TrunkSid).And.Contain(CredentialListSid).And.Contain(TestValues.AccountSid.Value);
        record.GetStructuredStateValue("TrunkSid").Should().Be(TrunkSid);
        record.GetStructuredStateValue("CredentialListSid").Should().Be(CredentialListSid);
        record.GetStructuredStateValue("Attempt").Should().Be("3");
        NoLogShouldContainTheToken();
    }

    [Fact]
    public async Task Handle_Should_honour_the_configured_limit_for_rejected_credentials()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected(), callNumber: 1)
            .FailOn(GatewayOperation.DeleteTrunk, Rejected(), callNumber: 2);

        _job.Attempt = 1;
        var first = await RunAsync(maxAttemptsWhenCredentialsRejected: 2);
        _job.Attempt = 2;
        var second = await RunAsync(maxAttemptsWhenCredentialsRejected: 2);

        first.Should().Be(BackgroundJobOutcome.RetryLater);
        second.Should().Be(BackgroundJobOutcome.GaveUp);
        _cleanup.FailedAttempts.Should().Be(2);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
    }

    [Fact]
    public async Task Handle_Should_stop_at_the_first_rejection_When_the_limit_is_one()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());

        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 1);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
    }

    [Fact]
    public async Task Handle_Should_give_up_on_rejected_credentials_before_the_limit_When_it_is_the_last_attempt()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());
        _job.Attempt = 1;
        _job.IsLastAttempt = true;

        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        _cleanup.AuthToken.Should().BeNull();
        _logger.Collector.GetSnapshot().Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task Handle_Should_keep_retrying_an_unavailable_Twilio_past_the_rejected_credentials_limit()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Unavailable());
        _job.Attempt = 10;

        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        outcome.Should().Be(BackgroundJobOutcome.RetryLater, "only rejected credentials stop early; other failures follow the job's retry policy");
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
    }

    [Fact]
    public async Task Handle_Should_not_call_Twilio_again_When_a_run_follows_one_that_gave_up()
    {
        _twilio.FailOn(GatewayOperation.DeleteTrunk, Rejected());
        _job.Attempt = 3;
        await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        _job.Attempt = 4;
        var outcome = await RunAsync(maxAttemptsWhenCredentialsRejected: 3);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(GatewayOperation.DeleteTrunk);
        _cleanup.FailedAttempts.Should().Be(1);
    }

    [Fact]
    public async Task Handle_Should_propagate_and_record_nothing_When_the_failure_is_not_a_Twilio_failure()
    {
        var bug = new InvalidOperationException("not a Twilio failure");
        _twilio.FailOn(GatewayOperation.DeleteTrunk, bug);

        var act = async () => await RunAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(bug);
        _cleanup.FailedAttempts.Should().Be(0);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        _cleanups.Stored.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_Should_give_up_at_once_without_calling_Twilio_When_the_stored_token_cannot_be_decrypted()
    {
        // A token protected under another key (here: another owner), as after losing the Data Protection key ring.
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-bbbb-7ccc-8ddd-000000000002"));
        var provider = TwilioProvider.Connect(
            providerId,
            TestValues.OrganizationId,
            "Main Twilio",
            TestValues.AccountSid,
            _protector.Protect(TwilioSecrets.AuthToken, Guid.NewGuid(), DeletedProviderToken),
            TwilioRegion.Us1,
            supportsCallTransfer: false,
            new ProvisionedTrunk
            {
                TrunkSid = TrunkSid,
                DomainName = "vp-0123456789abcdef.pstn.twilio.com",
                CredentialListSid = CredentialListSid,
                SipCredentialSid = "CR0123456789abcdef0123456789abcdef",
                SipUsername = "vpabcdefghij0123456789ab",
                SipPassword = _protector.Protect(TwilioSecrets.SipPassword, providerId.Value, "Sip-Password-0123456789-abcdefghijklmn"),
                InboundRoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8",
                OriginationRevision = TestValues.OriginationRevision,
            },
            TestValues.Start);
        var unreadable = provider.PlanResourceCleanup(Guid.Parse("0199f6a2-bbbb-7ccc-8ddd-000000000003"), DeletedAt);
        _cleanups.Add(unreadable);
        _job.Attempt = 1;

        var outcome = await Handler().Handle(new CleanUpTwilioResourcesCommand(unreadable.Id), CancellationToken.None);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp, "no retry can bring a lost key back");
        _twilio.Calls.Should().BeEmpty();
        unreadable.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        unreadable.AuthToken.Should().BeNull();
        unreadable.LastFailure.Should().Be("stored credentials cannot be decrypted");
        var error = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
        error.Message.Should().Contain(TrunkSid).And.Contain(CredentialListSid);
        NoLogShouldContainTheToken();
    }

    private TwilioResourceCleanup CleanupWithNumbers(params int[] numbers)
    {
        var provider = TestValues.ConnectedProvider(_protector, authToken: DeletedProviderToken, now: TestValues.Start);
        var cleanup = provider.PlanResourceCleanup(
            Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000002"), DeletedAt, [.. numbers.Select(TestValues.PhoneNumberSid)]);
        _cleanups.Remove(_cleanup);
        _cleanups.Add(cleanup);
        foreach (var n in numbers)
        {
            _twilio.PhoneNumbers[TestValues.PhoneNumberSid(n)] = TestValues.IncomingNumber(n, TrunkSid);
        }

        return cleanup;
    }

    private async Task<BackgroundJobOutcome> RunAsync(TwilioResourceCleanup cleanup) =>
        await Handler().Handle(new CleanUpTwilioResourcesCommand(cleanup.Id), CancellationToken.None);

    [Fact]
    public async Task Handle_Should_detach_every_number_from_the_trunk_before_deleting_the_trunk_then_the_credential_list()
    {
        var cleanup = CleanupWithNumbers(2, 1, 3);

        var outcome = await RunAsync(cleanup);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Operations.Should().Equal(
            GatewayOperation.DetachPhoneNumber,
            GatewayOperation.DetachPhoneNumber,
            GatewayOperation.DetachPhoneNumber,
            GatewayOperation.DeleteTrunk,
            GatewayOperation.DeleteCredentialList);
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Select(c => c.Arguments).Should().BeEquivalentTo(
            [
                new object[] { TrunkSid, TestValues.PhoneNumberSid(2) },
                new object[] { TrunkSid, TestValues.PhoneNumberSid(1) },
                new object[] { TrunkSid, TestValues.PhoneNumberSid(3) },
            ],
            options => options.WithStrictOrdering());
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(DeletedProviderCredentials));
        _twilio.PhoneNumbers.Values.Should().AllSatisfy(n => n.TrunkSid.Should().BeNull("the numbers stay in the account, free to import again"));
        _twilio.PhoneNumbers.Should().HaveCount(3);
        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().BeEmpty();
        _cleanups.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_retry_later_without_deleting_the_trunk_When_detaching_a_number_fails()
    {
        var cleanup = CleanupWithNumbers(1, 2);
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, Unavailable(), callNumber: 2);

        var outcome = await RunAsync(cleanup);

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.Operations.Should().Equal(GatewayOperation.DetachPhoneNumber, GatewayOperation.DetachPhoneNumber);
        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.FailedAttempts.Should().Be(1);
        cleanup.LastFailure.Should().Be("twilio_unavailable (HTTP 503, Twilio code none)");
        cleanup.PhoneNumberSids.Should().Equal(TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(2));
        ResourcesShouldStillExist();
        _twilio.PhoneNumbers[TestValues.PhoneNumberSid(2)].TrunkSid.Should().Be(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_detach_every_number_again_and_finish_on_the_next_run_When_a_detach_failed()
    {
        var cleanup = CleanupWithNumbers(1, 2);
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, Unavailable(), callNumber: 2);
        await RunAsync(cleanup);

        _job.Attempt = 2;
        var outcome = await RunAsync(cleanup);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Select(c => c.Argument<string>(1)).Should().Equal(
            TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(2), TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(2));
        _twilio.PhoneNumbers.Values.Should().AllSatisfy(n => n.TrunkSid.Should().BeNull());
        _twilio.Trunks.Should().BeEmpty();
        _cleanups.Stored.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_give_up_at_the_limit_When_Twilio_rejects_the_credentials_while_detaching_a_number()
    {
        var cleanup = CleanupWithNumbers(1);
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, Rejected());
        _job.Attempt = 3;

        var outcome = await RunAsync(cleanup);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        cleanup.AuthToken.Should().BeNull();
        cleanup.LastFailure.Should().Be("twilio_credentials_rejected (HTTP 401, Twilio code 20003)");
        _twilio.Operations.Should().Equal(GatewayOperation.DetachPhoneNumber);
        ResourcesShouldStillExist();
    }
}
