using System.Net;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// One verification of a provider at a time, cluster-wide, through the real lease table: a second caller waits for the
/// run going on (here or on another replica) and answers 409 <c>verification_in_progress</c> when that run outlasts its
/// wait; a lease left by a replica that died blocks verifications until it expires, and is then taken over. The waits
/// are measured on a clock the test moves (no sleeping): only the waiting caller's verifier runs on it.
/// </summary>
public sealed class VerificationInProgressTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_second_verify_while_one_runs_waits_for_it_and_answers_409_verification_in_progress_when_the_run_outlasts_the_wait()
    {
        var id = await ConnectAsync();
        await using var running = new VerificationRun(Fixture.Services, gated: true);
        var first = running.VerifyNowAsync(OrgA, id);
        await running.Checks!.WhenFirstRunWaitsAsync();
        var clock = new WaitingClock();
        await using var caller = new VerificationRun(Fixture.Services, clock);

        var second = caller.VerifyNowAsync(OrgA, id);
        await clock.WhenSomethingWaitsAsync(); // the caller's wait for the run going on has begun
        second.IsCompleted.Should().BeFalse("the second caller waits for the run going on");
        clock.Advance(VerificationRun.CallerWait(Fixture.Services) + TimeSpan.FromSeconds(1));

        var refusal = (await FluentActions.Awaiting(() => second.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<ConflictException>()).Which;
        refusal.Code.Should().Be(ProviderVerifier.VerificationInProgressCode);
        Twilio.Requests.Should().BeEmpty("neither run has reached Twilio: the first waits at the gate, the second never started one");
        first.IsCompleted.Should().BeFalse("the refused caller does not disturb the run going on");

        running.Checks.Open();
        (await first.WaitAsync(TimeSpan.FromSeconds(30))).VerificationStatus.Should().Be(VerificationStatus.Verified);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle("only the first run verified");
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_replica_refuses_verification_while_it_is_valid_409_verification_in_progress_and_nothing_reaches_Twilio()
    {
        var id = await ConnectAsync();
        var clock = new WaitingClock();
        var deadRun = Guid.CreateVersion7();
        await VerificationRun.LeaseAsync(Fixture.ConnectionString, id, deadRun, clock.GetUtcNow().AddMinutes(5));
        await using var caller = new VerificationRun(Fixture.Services, clock);

        var verifying = caller.VerifyNowAsync(OrgA, id);
        await clock.WhenSomethingWaitsAsync();
        await caller.Store.WhenWaitingForAnotherRunAsync(); // it found the lease held: by another replica, as far as it can tell
        verifying.IsCompleted.Should().BeFalse("the caller waits for the run holding the lease to end");
        clock.Advance(VerificationRun.CallerWait(Fixture.Services) + TimeSpan.FromSeconds(1));

        var refusal = (await FluentActions.Awaiting(() => verifying.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<ConflictException>()).Which;
        refusal.Code.Should().Be(ProviderVerifier.VerificationInProgressCode);
        Twilio.Requests.Should().BeEmpty("a valid lease is never taken over");
        (await VerificationRun.LeaseHolderAsync(Fixture.ConnectionString, id)).Should().Be(deadRun, "the dead replica's lease stands until it expires");
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("pending");
        (await Database.ColumnAsync(id, "last_verified_at")).Should().BeNull();
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_replica_is_taken_over_once_expired_and_the_dead_runs_late_release_leaves_the_new_run_alone()
    {
        var id = await ConnectAsync();
        var clock = new WaitingClock();
        var deadRun = Guid.CreateVersion7();
        await VerificationRun.LeaseAsync(Fixture.ConnectionString, id, deadRun, clock.GetUtcNow().AddMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await using var takeover = new VerificationRun(Fixture.Services, clock, gated: true);

        var verifying = takeover.VerifyNowAsync(OrgA, id);
        await takeover.Checks!.WhenFirstRunWaitsAsync();
        var newRun = await VerificationRun.LeaseHolderAsync(Fixture.ConnectionString, id);
        newRun.Should().NotBeNull().And.NotBe(deadRun, "the expired lease was taken over by the new run");
        await using (var deadReplica = new VerificationRun(Fixture.Services))
        {
            // The replica was only slow, not dead: it ends its run now. Only its own lease may end, and it has none any more.
            await deadReplica.Store.ReleaseAsync(ProviderId.From(id), deadRun, nextVerificationAt: null, CancellationToken.None);
        }

        (await VerificationRun.LeaseHolderAsync(Fixture.ConnectionString, id)).Should().Be(newRun, "the late release of the old run leaves the new run's lease");
        takeover.Checks.Open();

        (await verifying.WaitAsync(TimeSpan.FromSeconds(30))).VerificationStatus.Should().Be(VerificationStatus.Verified);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle();
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0, "the run ended its lease");
    }

    [Fact]
    public async Task A_caller_waiting_on_a_dead_replicas_lease_takes_the_provider_over_once_the_lease_expires()
    {
        var id = await ConnectAsync();
        var clock = new WaitingClock();
        var deadRun = Guid.CreateVersion7();
        var leaseLeft = TimeSpan.FromSeconds(30); // less than the caller's wait: the lease ends while it waits
        await VerificationRun.LeaseAsync(Fixture.ConnectionString, id, deadRun, clock.GetUtcNow() + leaseLeft);
        await using var caller = new VerificationRun(Fixture.Services, clock);

        var verifying = caller.VerifyNowAsync(OrgA, id);
        await caller.Store.WhenWaitingForAnotherRunAsync();
        await clock.WhenTimersAsync(2); // its wait's budget, and the pause before it looks at the lease again
        Twilio.Requests.Should().BeEmpty();
        clock.Advance(leaseLeft + TimeSpan.FromSeconds(1));

        (await verifying.WaitAsync(TimeSpan.FromSeconds(30))).VerificationStatus.Should().Be(VerificationStatus.Verified);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle("the caller ran the verification itself once the lease was over");
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0, "the caller's run ended its lease; the dead run's is gone with the takeover");
    }

    [Fact]
    public async Task POST_verify_takes_over_an_expired_lease_of_a_dead_replica()
    {
        var id = await ConnectAsync();
        await VerificationRun.LeaseAsync(Fixture.ConnectionString, id, Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddMinutes(-1));

        using var response = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("status").GetString().Should().Be("verified");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0);
    }
}
