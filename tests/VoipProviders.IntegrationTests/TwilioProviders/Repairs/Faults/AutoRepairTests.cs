using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// Issue 21 §2: auto-repair after a background verification that found drift, on two replicas sharing the database and
/// the clustered job store — each fix applied once, however many verifications queued it; at most
/// <see cref="AutoRepairReplica.MaxAutomaticRepairsPerDay"/> a day against a tenant who keeps undoing it; "safe" never
/// recreates a trunk, "all" does; "off" never repairs.
/// </summary>
public sealed class AutoRepairTests(IntegrationFixture fixture, AutoRepairReplica replica) : RepairFaultTest(fixture), IClassFixture<AutoRepairReplica>
{
    [Fact]
    public async Task Verifications_on_two_replicas_that_both_find_a_detached_number_attach_it_once()
    {
        await using var running = await replica.RunAsync(Fixture, takeJobs: false);
        var (provider, id, number) = await ProviderWithDetachedNumberAsync("safe");

        // The fixture's host and the replica verify the same version and each finds the number detached: each queues a repair.
        var version = await VersionAsync(id);
        await Task.WhenAll(
            AutoRepairReplica.VerifyAfterChangeAsync(Fixture.Services, id, version),
            AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, version));
        (await Database.CountQueuedJobsAsync(AutoRepairJob)).Should().Be(2, "each verification queued a repair with its outcome");
        // Both repairs plan at the same moment, from the same version, wherever they run.
        Twilio.SetBarrier(TwilioOperation.FetchAccount, parties: 2, BarrierTimeout);
        await replica.TakeJobsAsync();
        await (await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();

        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync(AutoRepairJob) == 0, "both repairs ran");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().ContainSingle("the number is attached once")
            .Which.Form.Should().ContainValue(number);
        Twilio.TrunkOf(provider.Account).PhoneNumberSids.Should().Equal(number);
        (await new AuditRows(Fixture.ConnectionString).ActorsAsync("provider.repaired")).Should().ContainSingle()
            .Which.Should().Match<(string ActorType, string ActorId, string? Trigger)>(a => a.ActorType == "system" && a.Trigger == "automatic", "auto-repair acts as the system");
        (await Database.CountIntegrationEventsAsync(nameof(ProviderRepaired))).Should().Be(1);
        Fixture.Logs.GetSnapshot().Concat(replica.Host.Logs.GetSnapshot()).Where(r => r.Id.Id == 7106).Select(r => r.Message)
            .Should().ContainSingle("the other repair stood aside, once, and said so");
        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "the repair's own verification passed");
    }

    [Fact]
    public async Task A_tenant_who_keeps_detaching_the_number_gets_the_days_repairs_and_then_a_pause()
    {
        await using var running = await replica.RunAsync(Fixture);
        var (provider, id, number) = await ProviderWithDetachedNumberAsync("safe");
        var before = DateTimeOffset.UtcNow;

        await AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, await VersionAsync(id));
        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "the automatic repair attached the number and verified");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().ContainSingle();
        Twilio.TrunkOf(provider.Account).PhoneNumberSids.Should().Equal(number);

        // The tenant detaches it again: a second repair today would be one too many.
        await DetachNumberInConsoleAsync(provider.Account, number);
        await AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, await VersionAsync(id));
        (await StatusAsync(id)).Should().Be("warning");
        await EventuallyAsync(
            async () => (await GetAsync(id)).GetProperty("autoRepairPausedUntil").ValueKind != System.Text.Json.JsonValueKind.Null,
            "the queued repair found the day's repairs spent and paused auto-repair");
        await EventuallyAsync(async () => await Database.CountQueuedJobsAsync(AutoRepairJob) == 0, "the paused repair's run ended");

        // Paused, a verification that finds the drift queues nothing.
        await AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, await VersionAsync(id));
        (await Database.CountQueuedJobsAsync(AutoRepairJob)).Should().Be(0, "a repair is queued in the verification's own commit, if at all");

        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().BeEmpty($"{AutoRepairReplica.MaxAutomaticRepairsPerDay} automatic repair a day");
        Twilio.TrunkOf(provider.Account).PhoneNumberSids.Should().BeEmpty("the number stays detached, as the tenant left it");
        var got = await GetAsync(id);
        got.GetProperty("verificationStatus").GetString().Should().Be("warning", "the provider keeps telling the tenant what drifted");
        var pausedUntil = got.GetProperty("autoRepairPausedUntil").GetDateTimeOffset();
        pausedUntil.Should().BeOnOrAfter(before.AddDays(1)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddDays(1), "the pause ends a day after the first repair");
        var audit = new AuditRows(Fixture.ConnectionString);
        (await audit.CountAsync("provider.auto_repair.paused")).Should().Be(1);
        (await audit.CountAsync("provider.repaired")).Should().Be(1);
    }

    [Fact]
    public async Task Safe_leaves_a_deleted_trunk_to_the_tenant_and_all_recreates_it()
    {
        await using var running = await replica.RunAsync(Fixture);
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        (await SetAutoRepairAsync(id, "safe")).Should().Be(HttpStatusCode.OK);
        var trunkSid = Twilio.TrunkOf(provider.Account).Sid;
        await DeleteTrunkInConsoleAsync(provider.Account);

        await AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, await VersionAsync(id));
        (await StatusAsync(id)).Should().Be("failed");
        await EventuallyAsync(
            () => Task.FromResult(replica.Host.Logs.GetSnapshot().Any(r => r.Id.Id == 7106 && r.Message.Contains("recreated", StringComparison.Ordinal))),
            "the automatic repair saw that the trunk must be recreated and stood aside");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().BeEmpty("'safe' never recreates a trunk: its termination URI would change");
        (await GetAsync(id)).GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        (await new AuditRows(Fixture.ConnectionString).CountAsync("provider.repaired")).Should().Be(0, "nothing else is repaired without the trunk");

        (await SetAutoRepairAsync(id, "all")).Should().Be(HttpStatusCode.OK);
        await AutoRepairReplica.VerifyAfterChangeAsync(replica.Host.Services, id, await VersionAsync(id));

        await EventuallyAsync(async () => await StatusAsync(id) == "verified", "'all' recreated the trunk and everything on it");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
        var newTrunk = Twilio.TrunkOf(provider.Account);
        (await GetAsync(id)).GetProperty("trunkSid").GetString().Should().Be(newTrunk.Sid).And.NotBe(trunkSid);
        newTrunk.OriginationUrls.Should().ContainSingle();
        await AssertNoOrphanAsync(provider.Account, id, "after the automatic recreation");
        await AssertSettledAsync(id, "after the automatic recreation");
    }

    [Fact]
    public async Task With_auto_repair_off_a_verification_that_finds_drift_queues_no_repair()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var (provider, id, _) = await ProviderWithDetachedNumberAsync(autoRepair: null);
        (await GetAsync(id)).GetProperty("autoRepair").GetString().Should().Be("off", "auto-repair is opt-in");

        await AutoRepairReplica.VerifyAfterChangeAsync(Fixture.Services, id, await VersionAsync(id));

        (await StatusAsync(id)).Should().Be("warning");
        (await Database.CountQueuedJobsAsync(AutoRepairJob)).Should().Be(0, "a repair is queued in the verification's own commit, if at all");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().BeEmpty();
        Twilio.TrunkOf(provider.Account).PhoneNumberSids.Should().BeEmpty();
    }

    private async Task<(ProviderBuilder Provider, Guid Id, string Number)> ProviderWithDetachedNumberAsync(string? autoRepair)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = (await ImportNumbersAsync(id, provider.Account, 1)).Single();
        if (autoRepair is not null)
        {
            (await SetAutoRepairAsync(id, autoRepair)).Should().Be(HttpStatusCode.OK);
        }

        await DetachNumberInConsoleAsync(provider.Account, number);
        return (provider, id, number);
    }

    private async Task<HttpStatusCode> SetAutoRepairAsync(Guid providerId, string mode)
    {
        using var response = await UpdateAsync(providerId, new { autoRepair = mode });
        return response.StatusCode;
    }

    private async Task<long> VersionAsync(Guid providerId) =>
        long.Parse((await Database.ColumnAsync(providerId, "version"))!, CultureInfo.InvariantCulture);

    private async Task<string?> StatusAsync(Guid providerId) =>
        (await GetAsync(providerId)).GetProperty("verificationStatus").GetString();
}
