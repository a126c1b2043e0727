using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.BackgroundJobs;

/// <summary>
/// Verification that nobody asked for: after each change, and on schedule across replicas. The fixture's own host
/// has both turned off (so other tests see only their own Twilio calls); these tests start replicas with them on.
/// </summary>
public sealed class VerificationScheduleTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly Dictionary<string, string> VerifyAfterChanges = new() { ["Verification:VerifyAfterChanges"] = "true" };

    [Fact]
    public async Task A_new_provider_leaves_pending_within_seconds_of_its_creation()
    {
        await using var replica = await Fixture.StartHostAsync(VerifyAfterChanges);
        var builder = NewProvider();
        using var client = replica.ClientFor(OrgA);

        using var created = await client.PostAsJsonAsync(TwilioProvidersPath, builder.Body());

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "the background verification after the create ran");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(2, "one check by the create, one by the verification");
        Twilio.RequestsFor(TwilioOperation.FetchTrunk).Should().ContainSingle();
    }

    [Fact]
    public async Task Rotating_to_a_working_token_clears_failed_in_the_background()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        Twilio.SetAuthToken(builder.Account.Sid, newToken);
        using (var verify = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null))
        {
            (await ReadJsonAsync(verify)).GetProperty("status").GetString().Should().Be("failed");
        }

        await using var replica = await Fixture.StartHostAsync(VerifyAfterChanges);
        using var rotate = new HttpRequestMessage(HttpMethod.Patch, $"{TwilioProvidersPath}/{id}/auth-token")
        {
            Content = JsonContent.Create(new { authToken = newToken }),
        };
        using var rotated = await replica.ClientFor(OrgA).SendAsync(rotate);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "the rotation queued a verification that passed with the new token");
    }

    [Fact]
    public async Task Turning_call_transfer_on_re_verifies_the_trunk_in_the_background()
    {
        var id = await ConnectAsync();
        await using var replica = await Fixture.StartHostAsync(VerifyAfterChanges);
        using var update = new HttpRequestMessage(HttpMethod.Put, $"{TwilioProvidersPath}/{id}")
        {
            Content = JsonContent.Create(new { supportsCallTransfer = true }),
        };

        using var updated = await replica.ClientFor(OrgA).SendAsync(update);

        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "the update queued a verification");
        using var get = await GetProviderAsync(id);
        var trunk = (await ReadJsonAsync(get)).GetProperty("verificationDetails").EnumerateArray()
            .Single(c => c.GetProperty("checkName").GetString() == "Trunk");
        trunk.GetProperty("details").GetProperty("transferMode").GetString().Should().Be("enable-all");
    }

    [Fact]
    public async Task The_sweep_verifies_every_provider_once_per_interval_with_two_replicas_on_one_database()
    {
        var interval = TimeSpan.FromSeconds(3);
        const int providers = 5;
        var accounts = new List<EmulatedAccount>();
        for (var i = 0; i < providers; i++)
        {
            var builder = NewProvider();
            await builder.ConnectAsync();
            accounts.Add(builder.Account);
        }

        await Fixture.PauseBackgroundJobsAsync();
        var sweeping = new Dictionary<string, string>
        {
            ["Verification:SweepEnabled"] = "true",
            ["Verification:Interval"] = interval.ToString(),
            ["Verification:SweepPeriod"] = "00:00:00.250",
        };
        try
        {
            await using (var first = await Fixture.StartHostAsync(sweeping))
            await using (var second = await Fixture.StartHostAsync(sweeping))
            {
                // Due at once, then again an interval after that verification: wait for each provider's second run,
                // however long a loaded machine takes to get there (the gaps below are what must hold).
                await EventuallyAsync(
                    () => Task.FromResult(accounts.TrueForAll(account => RunsOf(account).Count >= 2)),
                    "every provider was verified by the sweep, and again once its interval was over",
                    TimeSpan.FromSeconds(60));
            }

            foreach (var account in accounts)
            {
                var runs = RunsOf(account);
                runs.Zip(runs.Skip(1), (earlier, later) => later - earlier).Should().AllSatisfy(gap =>
                    gap.Should().BeGreaterThanOrEqualTo(interval, $"no replica verifies the provider of {account.Sid} again before its interval is over"));
            }

            (await Database.CountVerificationLeasesAsync()).Should().Be(0, "every run ended and released its provider");
            (await CountStatusAsync("verified")).Should().Be(providers);
        }
        finally
        {
            await Fixture.RestoreVerificationSweepTriggerAsync();
        }
    }

    [Fact]
    public async Task A_provider_verified_manually_within_the_interval_is_skipped_by_the_sweep()
    {
        var id = await ConnectAsync();
        var due = NewProvider();
        var dueId = await due.ConnectAsync();
        using (var verify = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null))
        {
            verify.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Twilio.ClearRequests();
        await Fixture.PauseBackgroundJobsAsync();
        try
        {
            await using (await Fixture.StartHostAsync(new Dictionary<string, string>
            {
                ["Verification:SweepEnabled"] = "true",
                ["Verification:Interval"] = "00:01:00",
                ["Verification:SweepPeriod"] = "00:00:00.250",
            }))
            {
                // A sweep claims every provider that is due in one statement: once it verified the one never verified,
                // it has passed over the other.
                await EventuallyAsync(async () => await StatusAsync(dueId) == "verified", "a sweep verified the provider that was due");
            }

            Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().OnlyContain(
                r => r.AuthUser == due.Account.Sid, "the manual verification a moment ago counts for this interval");
        }
        finally
        {
            await Fixture.RestoreVerificationSweepTriggerAsync();
        }
    }

    /// <summary>When each verification of the account's provider began: it starts with the account fetch, made with the account's own SID.</summary>
    private List<DateTimeOffset> RunsOf(EmulatedAccount account) =>
        [.. Twilio.RequestsFor(TwilioOperation.FetchAccount).Where(r => r.AuthUser == account.Sid).Select(r => r.ReceivedAt)];

    private async Task<string?> StatusAsync(Guid id) => await Database.ColumnAsync(id, "verification_status");

    private async Task<long> CountStatusAsync(string status)
    {
        using var response = await ListProvidersAsync($"?verificationStatus={status}&take=100");
        return (await ReadJsonAsync(response)).GetProperty("totalCount").GetInt64();
    }
}
