using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Verification;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Application.UnitTests.Verification;

public sealed class ProviderVerifierTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly FakeProviderVerificationStore _store = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly VerificationsInFlight _inFlight = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<ProviderVerifier> _logger = new();
    private readonly PlainMeterFactory _meters = new();
    private readonly VerificationMetrics _metrics;
    private readonly VerificationOptions _options = new()
    {
        Interval = TimeSpan.FromHours(1),
        InconclusiveRetryDelay = TimeSpan.FromMinutes(5),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly VerificationThrottle _throttle;
    private readonly TwilioProvider _provider;

    public ProviderVerifierTests()
    {
        _throttle = new VerificationThrottle(Options.Create(_options));
        _metrics = new VerificationMetrics(_meters);
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
        _store.Seed(_provider);
        _store.CommitsWith(_outbox, _audit);
        _time.Advance(TimeSpan.FromMinutes(10));
    }

    private ProviderId ProviderId => _provider.Id;

    private ProviderVerifier Verifier(TimeProvider? time = null) =>
        new(
            [_store],
            [new TwilioProviderChecks(_twilio, _protector, _phoneNumbers, TestValues.Origination(), time ?? _time)],
            [],
            _throttle,
            _inFlight,
            new ProviderChanges(_outbox, _audit),
            Options.Create(_options),
            time ?? _time,
            _metrics,
            _logger);

    private async Task<TwilioProvider> VerifyNowAsync(OrganizationId? organizationId = null, ProviderId? providerId = null) =>
        (TwilioProvider)await Verifier().VerifyNowAsync(organizationId ?? TestValues.OrganizationId, providerId ?? ProviderId, CancellationToken.None);

    private TwilioProvider Stored() => _store.Stored(ProviderId)!;

    private MetricCollector<long> RunsCollector() => new(_meters, VerificationMetrics.MeterName, "voip_providers.verification.runs");

    private static TwilioUnavailableException Unavailable() => new("Twilio answered 503.", httpStatus: 503);

    private static VerificationCheck[] FailedChecks(DateTimeOffset at) =>
    [
        new(VerificationCheckNames.Credentials, VerificationCheckStatus.Failed, "Rejected.", at, new Dictionary<string, object>()),
        new(VerificationCheckNames.Trunk, VerificationCheckStatus.Skipped, "Not checked.", at, new Dictionary<string, object>()),
    ];

    /// <summary>Marks the provider verified earlier, as a previous run would have stored it.</summary>
    private void StoredAsVerifiedEarlier() =>
        _store.Change(ProviderId, p => p.RecordVerification(
            [new VerificationCheck(VerificationCheckNames.Credentials, VerificationCheckStatus.Passed, "OK.", TestValues.Start, new Dictionary<string, object>())],
            TestValues.Start.AddMinutes(1),
            TestValues.Start.AddMinutes(1) + _options.Interval));

    /// <summary>One interval after the run, never sooner, plus up to a tenth of it so providers verified together drift apart.</summary>
    private void NextScheduledRunShouldBeAboutAnIntervalAfter(TwilioProvider provider, DateTimeOffset verifiedAt) =>
        provider.NextVerificationAt.Should().BeOnOrAfter(verifiedAt + _options.Interval)
            .And.BeOnOrBefore(verifiedAt + (_options.Interval * 1.1));

    private void NothingShouldHaveBeenStored()
    {
        _store.Recorded.Should().BeEmpty();
        var stored = Stored();
        stored.VerificationStatus.Should().Be(VerificationStatus.Pending);
        stored.LastVerifiedAt.Should().BeNull();
        stored.VerificationChecks.Should().BeNull();
    }

    // ----- VerifyNowAsync: the outcome -----

    [Fact]
    public async Task VerifyNowAsync_Should_store_the_outcome_and_schedule_the_next_run_one_interval_later_at_the_earliest()
    {
        var now = _time.GetUtcNow();

        var verified = await VerifyNowAsync();

        var stored = Stored();
        stored.VerificationStatus.Should().Be(VerificationStatus.Verified);
        stored.VerificationChecks!.Select(c => c.CheckName).Should().Equal(VerificationCheckNames.InOrder);
        stored.VerificationChecks.Should().AllSatisfy(c => c.Status.Should().Be(VerificationCheckStatus.Passed));
        stored.LastVerifiedAt.Should().Be(now);
        NextScheduledRunShouldBeAboutAnIntervalAfter(stored, now);
        _store.Recorded.Should().Equal(ProviderId);

        verified.VerificationStatus.Should().Be(VerificationStatus.Verified);
        verified.LastVerifiedAt.Should().Be(now);
        verified.NextVerificationAt.Should().Be(stored.NextVerificationAt);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_neither_change_the_version_nor_the_update_time()
    {
        var verified = await VerifyNowAsync();

        verified.Version.Should().Be(1);
        verified.UpdatedAt.Should().Be(TestValues.Start);
        Stored().Version.Should().Be(1);
        Stored().UpdatedAt.Should().Be(TestValues.Start);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_release_the_lease_so_the_next_verification_runs_at_once()
    {
        await VerifyNowAsync();

        _store.LeaseOf(ProviderId).Should().BeNull();
        await VerifyNowAsync();
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().HaveCount(2);
        _store.Recorded.Should().HaveCount(2);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_store_a_failed_status_When_a_check_fails()
    {
        _twilio.Trunks.Remove(TestValues.TrunkSid);

        var verified = await VerifyNowAsync();

        verified.VerificationStatus.Should().Be(VerificationStatus.Failed);
        Stored().VerificationStatus.Should().Be(VerificationStatus.Failed);
        Stored().VerificationChecks!.Single(c => c.CheckName == VerificationCheckNames.Trunk).Status.Should().Be(VerificationCheckStatus.Failed);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_store_a_warning_status_When_a_check_warns()
    {
        _twilio.TrunkTransferModes[TestValues.TrunkSid] = "sip-only";

        var verified = await VerifyNowAsync();

        verified.VerificationStatus.Should().Be(VerificationStatus.Warning);
        Stored().VerificationStatus.Should().Be(VerificationStatus.Warning);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_throw_not_found_without_calling_Twilio_When_the_provider_does_not_exist()
    {
        var act = () => VerifyNowAsync(providerId: ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000aa")));

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
        _store.Calls.Should().NotContain(nameof(IProviderVerificationStore.TryStartAsync));
    }

    [Fact]
    public async Task VerifyNowAsync_Should_throw_not_found_without_calling_Twilio_When_the_provider_belongs_to_another_organization()
    {
        var act = () => VerifyNowAsync(organizationId: TestValues.OtherOrganizationId);

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
        _store.Calls.Should().NotContain(nameof(IProviderVerificationStore.TryStartAsync));
        NothingShouldHaveBeenStored();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_count_the_run_by_trigger_and_stored_status()
    {
        using var runs = RunsCollector();
        _twilio.Trunks.Remove(TestValues.TrunkSid);

        await VerifyNowAsync();

        var run = runs.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        run.Value.Should().Be(1);
        run.Tags.Should().Contain(new KeyValuePair<string, object?>(VerificationMetrics.TriggerTag, "manual"))
            .And.Contain(new KeyValuePair<string, object?>(VerificationMetrics.ResultTag, "failed"));
    }

    [Fact]
    public async Task VerifyNowAsync_Should_count_an_inconclusive_run_When_Twilio_is_unavailable()
    {
        using var runs = RunsCollector();
        _twilio.FailOn(GatewayOperation.FetchTrunk, Unavailable());

        var act = () => VerifyNowAsync();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        runs.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags.Should().Contain(new KeyValuePair<string, object?>(VerificationMetrics.ResultTag, "inconclusive"));
    }

    // ----- Inconclusive -----

    [Fact]
    public async Task VerifyNowAsync_Should_throw_store_nothing_and_release_the_lease_When_Twilio_is_unavailable()
    {
        var failure = Unavailable();
        _twilio.FailOn(GatewayOperation.FetchTrunk, failure);

        var act = () => VerifyNowAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(failure);
        NothingShouldHaveBeenStored();
        Stored().NextVerificationAt.Should().Be(TestValues.Start, "a manual run that proved nothing leaves the schedule alone");
        _store.LeaseOf(ProviderId).Should().BeNull();
        _store.Releases.Should().Equal((ProviderId, (DateTimeOffset?)null));
        NothingShouldHaveBeenAnnounced();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_keep_the_previous_status_When_Twilio_is_unavailable()
    {
        StoredAsVerifiedEarlier();
        var before = Stored();
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var act = () => VerifyNowAsync();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        var stored = Stored();
        stored.VerificationStatus.Should().Be(VerificationStatus.Verified);
        stored.LastVerifiedAt.Should().Be(before.LastVerifiedAt);
        stored.VerificationChecks.Should().BeEquivalentTo(before.VerificationChecks);
        stored.NextVerificationAt.Should().Be(before.NextVerificationAt);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_let_a_later_verification_run_When_the_previous_one_was_inconclusive()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());
        var first = () => VerifyNowAsync();
        await first.Should().ThrowAsync<TwilioUnavailableException>();

        var verified = await VerifyNowAsync();

        verified.VerificationStatus.Should().Be(VerificationStatus.Verified);
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_not_throw_and_retry_after_the_jittered_delay_When_Twilio_is_unavailable()
    {
        var now = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, now + _options.Lease);
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var act = () => Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        await act.Should().NotThrowAsync();
        NothingShouldHaveBeenStored();
        Stored().NextVerificationAt.Should().BeOnOrAfter(now + (_options.InconclusiveRetryDelay * 0.5))
            .And.BeOnOrBefore(now + (_options.InconclusiveRetryDelay * 1.5));
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_retry_no_later_than_the_interval_When_the_retry_delay_is_longer()
    {
        _options.Interval = TimeSpan.FromMinutes(30);
        _options.InconclusiveRetryDelay = TimeSpan.FromHours(2);
        var now = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, now + _options.Lease);
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        await Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        Stored().NextVerificationAt.Should().Be(now + _options.Interval);
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_store_the_outcome_and_end_the_claim_When_Twilio_answers()
    {
        var now = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, now + _options.Lease);

        await Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        Stored().VerificationStatus.Should().Be(VerificationStatus.Verified);
        NextScheduledRunShouldBeAboutAnIntervalAfter(Stored(), now);
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_not_throw_log_and_retry_later_When_the_run_fails_unexpectedly()
    {
        var now = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, now + _options.Lease);
        _twilio.FailOn(GatewayOperation.FetchAccount, new InvalidOperationException("Something nobody expected."));

        var act = () => Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        await act.Should().NotThrowAsync();
        NothingShouldHaveBeenStored();
        Stored().NextVerificationAt.Should().BeOnOrAfter(now + (_options.InconclusiveRetryDelay * 0.5))
            .And.BeOnOrBefore(now + (_options.InconclusiveRetryDelay * 1.5));
        _store.LeaseOf(ProviderId).Should().BeNull();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Error);
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_not_end_the_lease_of_a_run_that_started_after_its_failure_was_released()
    {
        var now = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, now + _options.Lease);
        _twilio.FailOn(GatewayOperation.FetchAccount, new InvalidOperationException("Something nobody expected."));
        var otherLeaseUntil = now + TimeSpan.FromMinutes(3);
        _store.AfterCall = name =>
        {
            if (name == nameof(IProviderVerificationStore.ReleaseAsync) && _store.Releases.Count == 1)
            {
                // A manual verification takes the provider the moment the failed run let go of it.
                _store.HoldLease(ProviderId, otherLeaseUntil);
            }
        };

        await Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        _store.LeaseOf(ProviderId).Should().Be(otherLeaseUntil, "the other run still holds the provider");
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_do_nothing_When_the_provider_was_deleted_after_the_claim()
    {
        var claim = _store.HoldLease(ProviderId, _time.GetUtcNow() + _options.Lease);
        _store.Remove(ProviderId);

        var act = () => Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);

        await act.Should().NotThrowAsync();
        _twilio.Calls.Should().BeEmpty();
    }

    // ----- Stale results -----

    [Fact]
    public async Task VerifyNowAsync_Should_verify_the_changed_provider_again_When_it_changed_during_the_run()
    {
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount && _twilio.CallsTo(GatewayOperation.FetchAccount).Count() == 1)
            {
                _store.Change(ProviderId, p => p.Rename("Renamed meanwhile", _time.GetUtcNow()));
            }

            return Task.CompletedTask;
        };

        var verified = await VerifyNowAsync();

        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().HaveCount(2);
        _store.StaleRecords.Should().Equal(ProviderId);
        _store.Recorded.Should().Equal(ProviderId);
        verified.Name.Should().Be("Renamed meanwhile");
        verified.Version.Should().Be(2);
        verified.VerificationStatus.Should().Be(VerificationStatus.Verified);
        var stored = Stored();
        stored.Name.Should().Be("Renamed meanwhile", "the verification must not undo the concurrent change");
        stored.Version.Should().Be(2);
        stored.VerificationStatus.Should().Be(VerificationStatus.Verified);
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_publish_only_the_stored_runs_status_change_When_a_run_was_stale()
    {
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount && _twilio.CallsTo(GatewayOperation.FetchAccount).Count() == 1)
            {
                _store.Change(ProviderId, p => p.Rename("Renamed meanwhile", _time.GetUtcNow()));
            }

            return Task.CompletedTask;
        };

        await VerifyNowAsync();

        _store.StaleRecords.Should().ContainSingle();
        _outbox.Added.Should().ContainSingle().Which.ProviderVersion.Should().Be(2, "only the stored run's change is committed");
        _audit.Recorded.Should().ContainSingle();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_give_up_with_a_conflict_after_three_runs_When_the_provider_keeps_changing()
    {
        var renames = 0;
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount)
            {
                var name = $"Renamed {++renames}";
                _store.Change(ProviderId, p => p.Rename(name, _time.GetUtcNow()));
            }

            return Task.CompletedTask;
        };

        var act = () => VerifyNowAsync();

        (await act.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("provider_changed_during_verification");
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().HaveCount(3);
        _store.StaleRecords.Should().HaveCount(3);
        NothingShouldHaveBeenStored();
        Stored().Version.Should().Be(4);
        _store.LeaseOf(ProviderId).Should().BeNull();
        NothingShouldHaveBeenAnnounced();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_throw_not_found_When_the_provider_was_deleted_during_the_run()
    {
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount)
            {
                _store.Remove(ProviderId);
            }

            return Task.CompletedTask;
        };

        var act = () => VerifyNowAsync();

        await act.Should().ThrowAsync<NotFoundException>();
        _store.Recorded.Should().BeEmpty();
        NothingShouldHaveBeenAnnounced();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_not_end_the_lease_of_a_run_that_started_right_after_its_stale_result()
    {
        // The stale result's TryRecordAsync already ended this run's lease; another replica takes the provider at that
        // moment. This run must then wait for that one instead of ending its lease and verifying alongside it.
        var verifier = Verifier(TimeProvider.System);
        var otherRunGoing = 0;
        var overlapped = false;
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount)
            {
                overlapped |= Volatile.Read(ref otherRunGoing) == 1;
                if (_twilio.CallsTo(GatewayOperation.FetchAccount).Count() == 1)
                {
                    _store.Change(ProviderId, p => p.Rename("Renamed meanwhile", DateTimeOffset.UtcNow));
                }
            }

            return Task.CompletedTask;
        };
        Task? otherRun = null;
        _store.AfterCall = name =>
        {
            if (name == nameof(IProviderVerificationStore.TryRecordAsync) && otherRun is null)
            {
                Volatile.Write(ref otherRunGoing, 1);
                _store.HoldLease(ProviderId, DateTimeOffset.UtcNow.AddMinutes(5));
                otherRun = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500));
                    _store.Change(ProviderId, p =>
                    {
                        var at = DateTimeOffset.UtcNow;
                        p.RecordVerification(FailedChecks(at), at, at + _options.Interval);
                    });
                    Volatile.Write(ref otherRunGoing, 0);
                    _store.EndLease(ProviderId);
                });
            }
        };

        var verified = await verifier.VerifyNowAsync(TestValues.OrganizationId, ProviderId, CancellationToken.None).WaitAsync(WaitLimit);
        await otherRun!.WaitAsync(WaitLimit);

        overlapped.Should().BeFalse("a second run must not start while another holds the provider");
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().ContainSingle();
        verified.VerificationStatus.Should().Be(VerificationStatus.Failed, "the answer is the result of the run that was waited for");
    }

    // ----- Waiting for a run already going -----

    [Fact]
    public async Task VerifyNowAsync_Should_wait_for_the_run_of_another_replica_and_answer_with_its_result_without_calling_Twilio()
    {
        var verifier = Verifier(TimeProvider.System);
        _store.HoldLease(ProviderId, DateTimeOffset.UtcNow.AddMinutes(5));

        var verifying = verifier.VerifyNowAsync(TestValues.OrganizationId, ProviderId, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(450));
        verifying.IsCompleted.Should().BeFalse("the other run still holds the lease");
        _store.Change(ProviderId, p =>
        {
            var at = DateTimeOffset.UtcNow;
            p.RecordVerification(FailedChecks(at), at, at + _options.Interval);
        });
        _store.EndLease(ProviderId);

        var verified = await verifying.WaitAsync(WaitLimit);

        verified.VerificationStatus.Should().Be(VerificationStatus.Failed);
        verified.VerificationChecks.Should().HaveCount(2);
        _twilio.Calls.Should().BeEmpty();
        _store.Recorded.Should().BeEmpty();
        _store.Calls.Should().Contain(nameof(IProviderVerificationStore.IsRunningAsync));
    }

    [Fact]
    public async Task VerifyNowAsync_Should_run_itself_after_waiting_When_the_other_run_stored_nothing()
    {
        var verifier = Verifier(TimeProvider.System);
        _store.HoldLease(ProviderId, DateTimeOffset.UtcNow.AddMinutes(5));

        var verifying = verifier.VerifyNowAsync(TestValues.OrganizationId, ProviderId, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(250));
        _twilio.Calls.Should().BeEmpty();
        _store.EndLease(ProviderId);

        var verified = await verifying.WaitAsync(WaitLimit);

        verified.VerificationStatus.Should().Be(VerificationStatus.Verified);
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().ContainSingle();
        _store.Recorded.Should().Equal(ProviderId);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_answer_a_second_caller_with_the_result_of_the_run_going_here()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _twilio.DuringCall = async (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount)
            {
                entered.TrySetResult();
                await gate.Task;
            }
        };

        var first = VerifyNowAsync();
        await entered.Task.WaitAsync(WaitLimit);
        var second = VerifyNowAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        second.IsCompleted.Should().BeFalse("the second caller waits for the run going on");
        gate.SetResult();

        var results = await Task.WhenAll(first, second).WaitAsync(WaitLimit);

        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().ContainSingle();
        _store.Recorded.Should().ContainSingle();
        results[1].VerificationStatus.Should().Be(VerificationStatus.Verified);
        results[1].LastVerifiedAt.Should().Be(results[0].LastVerifiedAt);
    }

    // ----- VerifyAfterChangeAsync -----

    [Fact]
    public async Task VerifyAfterChangeAsync_Should_verify_and_store_When_the_provider_is_still_at_the_changed_version()
    {
        var verified = await Verifier().VerifyAfterChangeAsync(ProviderId, changedVersion: 1, CancellationToken.None);

        verified.Should().BeTrue();
        Stored().VerificationStatus.Should().Be(VerificationStatus.Verified);
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    [Fact]
    public async Task VerifyAfterChangeAsync_Should_skip_without_calling_Twilio_When_a_newer_change_was_committed()
    {
        _store.Change(ProviderId, p => p.Rename("Renamed since", _time.GetUtcNow()));

        var verified = await Verifier().VerifyAfterChangeAsync(ProviderId, changedVersion: 1, CancellationToken.None);

        verified.Should().BeFalse();
        _twilio.Calls.Should().BeEmpty();
        _store.Calls.Should().NotContain(nameof(IProviderVerificationStore.TryStartAsync));
        NothingShouldHaveBeenStored();
    }

    [Fact]
    public async Task VerifyAfterChangeAsync_Should_skip_without_calling_Twilio_When_the_provider_was_deleted()
    {
        _store.Remove(ProviderId);

        var verified = await Verifier().VerifyAfterChangeAsync(ProviderId, changedVersion: 1, CancellationToken.None);

        verified.Should().BeFalse();
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task VerifyAfterChangeAsync_Should_throw_and_store_nothing_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var act = () => Verifier().VerifyAfterChangeAsync(ProviderId, changedVersion: 1, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        NothingShouldHaveBeenStored();
        Stored().NextVerificationAt.Should().Be(TestValues.Start);
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    // ----- Status change events -----

    [Fact]
    public async Task VerifyNowAsync_Should_announce_the_old_and_new_status_When_the_status_changes()
    {
        var now = _time.GetUtcNow();

        await VerifyNowAsync();

        var changed = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderVerificationStatusChanged>().Subject;
        changed.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId.Value,
            ProviderId = ProviderId.Value,
            ProviderVersion = _provider.Version,
            PreviousStatus = ProviderVerificationStatus.Pending,
            Status = ProviderVerificationStatus.Verified,
            VerifiedAt = now,
        });
    }

    [Fact]
    public async Task VerifyNowAsync_Should_write_one_audit_record_of_the_status_change()
    {
        await VerifyNowAsync();

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.VerificationStatusChanged);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(ProviderId.Value);
        record.Details["previousStatus"].Should().Be(VerificationStatus.Pending);
        record.Details["status"].Should().Be(VerificationStatus.Verified);
        record.Details["trigger"].Should().Be(VerificationTrigger.Manual);
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public async Task VerifyNowAsync_Should_announce_nothing_When_the_status_stays_the_same()
    {
        await VerifyNowAsync();
        _outbox.Added.Clear();
        _audit.Recorded.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));

        await VerifyNowAsync();

        NothingShouldHaveBeenAnnounced();
    }

    [Fact]
    public async Task VerifyNowAsync_Should_announce_verified_to_failed_When_the_trunk_disappears_after_a_good_run()
    {
        await VerifyNowAsync();
        _outbox.Added.Clear();
        _audit.Recorded.Clear();
        _twilio.Trunks.Remove(TestValues.TrunkSid);
        _time.Advance(TimeSpan.FromMinutes(1));

        await VerifyNowAsync();

        var changed = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<ProviderVerificationStatusChanged>().Subject;
        changed.PreviousStatus.Should().Be(ProviderVerificationStatus.Verified);
        changed.Status.Should().Be(ProviderVerificationStatus.Failed);
        changed.VerifiedAt.Should().Be(_time.GetUtcNow());
        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Details["status"].Should().Be(VerificationStatus.Failed);
        record.Details["checks"].Should().NotBeNull();
    }

    private void NothingShouldHaveBeenAnnounced()
    {
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    // ----- Time limit and cancellation -----

    [Fact]
    public async Task VerifyNowAsync_Should_be_inconclusive_When_a_check_hangs_past_the_time_limit()
    {
        _options.Timeout = TimeSpan.FromSeconds(5);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _twilio.DuringCall = async (operation, _) =>
        {
            if (operation == GatewayOperation.FetchTrunk)
            {
                var hanging = Task.Delay(TimeSpan.FromMinutes(2), _time);
                entered.TrySetResult();
                await hanging;
            }
        };

        var verifying = VerifyNowAsync();
        await entered.Task.WaitAsync(WaitLimit);
        _time.Advance(TimeSpan.FromMinutes(2));
        var act = () => verifying.WaitAsync(WaitLimit);

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.InnerException.Should().BeAssignableTo<OperationCanceledException>();
        NothingShouldHaveBeenStored();
        _store.LeaseOf(ProviderId).Should().BeNull();
    }

    [Fact]
    public async Task VerifyClaimedAsync_Should_retry_later_When_a_check_hangs_past_the_time_limit()
    {
        _options.Timeout = TimeSpan.FromSeconds(5);
        var claimedAt = _time.GetUtcNow();
        var claim = _store.HoldLease(ProviderId, claimedAt + _options.Lease);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _twilio.DuringCall = async (operation, _) =>
        {
            if (operation == GatewayOperation.ListSipCredentialUsernames)
            {
                var hanging = Task.Delay(TimeSpan.FromMinutes(2), _time);
                entered.TrySetResult();
                await hanging;
            }
        };

        var verifying = Verifier().VerifyClaimedAsync(TwilioProviderKind.Type, ProviderId, claim, CancellationToken.None);
        await entered.Task.WaitAsync(WaitLimit);
        _time.Advance(TimeSpan.FromMinutes(2));
        await verifying.WaitAsync(WaitLimit);

        NothingShouldHaveBeenStored();
        var now = _time.GetUtcNow();
        Stored().NextVerificationAt.Should().BeOnOrAfter(now + (_options.InconclusiveRetryDelay * 0.5))
            .And.BeOnOrBefore(now + (_options.InconclusiveRetryDelay * 1.5));
    }

    [Fact]
    public async Task VerifyNowAsync_Should_be_cancelled_rather_than_inconclusive_When_the_caller_gives_up()
    {
        using var caller = new CancellationTokenSource();
        _twilio.BeforeCall = operation =>
        {
            if (operation == GatewayOperation.FetchTrunk)
            {
                caller.Cancel();
            }
        };

        var act = () => Verifier().VerifyNowAsync(TestValues.OrganizationId, ProviderId, caller.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        NothingShouldHaveBeenStored();
        _store.LeaseOf(ProviderId).Should().BeNull();
    }
}
