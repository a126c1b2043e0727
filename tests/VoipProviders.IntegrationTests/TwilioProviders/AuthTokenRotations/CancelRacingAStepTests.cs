using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// A cancellation that commits while a step of the rotation is at Twilio wins: the step, which read the rotation
/// before, may not write over it (the rotation's version guard). The step is held at Twilio by the emulator until the
/// cancellation has committed, so the race happens every time.
/// </summary>
public sealed class CancelRacingAStepTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    [Fact]
    public async Task A_cancel_committed_while_the_secondary_is_being_validated_stays_cancelled_and_nothing_is_promoted()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var primary = Twilio.GetAuthToken(builder.Account.Sid);
        // The rotation's only account fetch is the validation of the secondary it has just created and stored; the
        // cancel's clean-up is held too, so the secondary is still there when the validation goes on: the step then
        // succeeds at Twilio and only the rotation's version stands between it and the promotion (no propagation delay).
        using var validation = Twilio.Hold(TwilioOperation.FetchAccount, BarrierTimeout);
        using var cleanup = Twilio.Hold(TwilioOperation.DeleteSecondaryAuthToken, BarrierTimeout);
        var rotationId = await StartAcceptedAsync(id);
        await validation.WhenHeldAsync();

        using (var cancelled = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancelled.StatusCode.Should().Be(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        }

        validation.Release();
        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync("advance-auth-token-rotation") == 0, "the held step has run to its end");
        cleanup.Release();
        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync("clean-up-auth-token-rotation") == 0, "the clean-up has run");

        var rotation = await GetRotationAsync(id, rotationId);
        rotation.GetProperty("status").GetString().Should().Be("cancelled", "the step that read the rotation before the cancel may not write over it");
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().BeEmpty("a cancelled rotation never promotes");
        Twilio.GetAuthToken(builder.Account.Sid).Should().Be(primary, "the provider keeps its token");
        Twilio.GetSecondaryAuthToken(builder.Account.Sid).Should().BeNull("the clean-up deleted the secondary the rotation made");
        using var provider = await GetTwilioProviderAsync(id);
        (await ReadJsonAsync(provider)).GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_secondary_whose_create_lands_after_the_cancel_is_deleted_and_the_next_rotation_completes()
    {
        // The replica runs the jobs, and waits the settle time (the shared host deletes at once).
        await Fixture.PauseBackgroundJobsAsync();
        await using var replica = await Fixture.StartHostAsync(
            new Dictionary<string, string> { ["AuthTokenRotation:SecondaryCreateSettleTime"] = "00:00:04" });
        var client = replica.ClientFor(OrgA);
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var account = builder.Account.Sid;
        var primary = Twilio.GetAuthToken(account);
        using var create = Twilio.Hold(TwilioOperation.CreateSecondaryAuthToken, BarrierTimeout);
        var startedAt = DateTimeOffset.UtcNow;
        var cancelledRotation = await StartAcceptedAsync(id, client: client);
        await create.WhenHeldAsync();

        using (var cancelled = await client.DeleteAsync($"{RotationsPath(id)}/{cancelledRotation}"))
        {
            cancelled.StatusCode.Should().Be(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        }

        // The clean-up is due once the create may have landed (it was asked for after startedAt), not at once.
        const string CleanUp = "clean-up-auth-token-rotation";
        await EventuallyAsync(async () => (await Database.JobsDueAsync(CleanUp)).Count == 1, "the cancel's clean-up reached the scheduler");
        (await Database.JobsDueAsync(CleanUp)).Single().Should().BeOnOrAfter(startedAt + TimeSpan.FromSeconds(4));

        // Twilio carries out the create only now, after the cancel committed (its clean-up may not delete before this).
        create.Release();
        await EventuallyAsync(() => Task.FromResult(Twilio.GetSecondaryAuthToken(account) is not null), "the late create made a secondary");
        var landedBy = Twilio.Requests.Max(r => r.Sequence);
        var next = await StartAcceptedAsync(id, client: client);
        var ended = await WaitUntilEndedAsync(id, next);

        ended.GetProperty("status").GetString().Should().Be("completed", ended.ToString());
        (await GetRotationAsync(id, cancelledRotation)).GetProperty("status").GetString().Should().Be("cancelled");
        var secondaryCalls = Twilio.Requests
            .Where(r => r.AuthUser == account
                && r.Operation is TwilioOperation.CreateSecondaryAuthToken or TwilioOperation.DeleteSecondaryAuthToken)
            .ToList();
        secondaryCalls.Select(r => r.Operation).Should().Equal(
            [TwilioOperation.CreateSecondaryAuthToken, TwilioOperation.DeleteSecondaryAuthToken, TwilioOperation.CreateSecondaryAuthToken],
            "the late secondary is deleted once, before the next rotation creates its own");
        secondaryCalls[1].Sequence.Should().BeGreaterThan(landedBy, "a delete sent while the create was on its way would have been overtaken by it");
        Twilio.GetSecondaryAuthToken(account).Should().BeNull("no secondary is left behind");
        Twilio.GetAuthToken(account).Should().NotBe(primary, "the next rotation promoted its own secondary");
        (await StoredTokenAsync(id)).Should().Be(Twilio.GetAuthToken(account));
    }
}
