using System.Net;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// A verification result describes the provider as the run read it. A rotation or an update committed while the run
/// was checking makes that result stale: the real store refuses to write it (the provider's version moved), the run's
/// status change is neither stored nor announced, and the caller's verification runs again on the changed provider.
/// The run is held at its checks by a gate, so the change lands "during the verify" every time.
/// </summary>
public sealed class StaleVerificationResultTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    public static TheoryData<string> Changes => ["rotation", "update"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_committed_during_a_verify_discards_the_stale_result_and_the_verify_runs_again_on_the_changed_provider(string change)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        await using var run = new VerificationRun(Fixture.Services, gated: true);
        var verifying = run.VerifyNowAsync(OrgA, id);
        await run.Checks!.WhenFirstRunWaitsAsync();

        // The run has read the provider; what it would check now no longer matches it.
        using (var changed = await ChangeAsync(change, id, builder.Account))
        {
            changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        }

        Twilio.ClearRequests();
        run.Checks.Open();
        var verified = await verifying.WaitAsync(TimeSpan.FromSeconds(30));

        verified.VerificationStatus.Should().Be(VerificationStatus.Verified, $"the answer is a run on the provider after the {change}");
        run.Checks.Runs.Should().Be(2, "the stale run's result was refused and the verification ran again");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(2);
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified", "the stale result was never stored");
        (await Database.ColumnAsync(id, "verification_details")).Should().NotContain("\"failed\"").And.NotContain("\"warning\"");
        (await Database.CountIntegrationEventsAsync(nameof(ProviderVerificationStatusChanged))).Should().Be(
            1, "only the stored run's status change (pending → verified) is announced, not the stale one's");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0);
    }

    /// <summary>
    /// A rotation to a new token (the old one no longer works in Twilio: the stale run would fail on it), or turning call
    /// transfer on (Twilio's trunk changes with it: the stale run would warn that the trunk does not match).
    /// </summary>
    private Task<HttpResponseMessage> ChangeAsync(string change, Guid id, EmulatedAccount account)
    {
        if (change == "rotation")
        {
            var newToken = NewToken();
            Twilio.SetAuthToken(account.Sid, newToken);
            return RotateAsync(id, new { authToken = newToken });
        }

        return UpdateAsync(id, new { supportsCallTransfer = true });
    }
}
