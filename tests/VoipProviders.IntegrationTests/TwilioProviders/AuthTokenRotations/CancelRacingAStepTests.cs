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
}
