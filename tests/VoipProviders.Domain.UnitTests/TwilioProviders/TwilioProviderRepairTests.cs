
namespace VoipProviders.Domain.UnitTests.TwilioProviders;

/// <summary>The provider's side of drift repair: one repair at a time, the daily cap of automatic ones, the replaced resources.</summary>
public sealed class TwilioProviderRepairTests
{
    private static readonly DateTimeOffset Now = TestValues.Now;

    [Fact]
    public void BeginRepair_Should_hold_the_provider_and_move_its_version_When_none_runs()
    {
        var provider = TestValues.Connect();
        var runId = Guid.NewGuid();

        provider.BeginRepair(runId, Now, Now.AddMinutes(5), automatic: false, maxAutomaticPerDay: 3).Should().BeTrue();

        provider.Version.Should().Be(2);
        provider.RepairRunId.Should().Be(runId);
        provider.IsRepairing(Now.AddMinutes(4)).Should().BeTrue();
        provider.IsRepairing(Now.AddMinutes(5)).Should().BeFalse("a stopped replica's hold expires with its lease");
        provider.AutoRepairCount.Should().Be(0, "a repair the tenant applies is not counted against the automatic cap");
    }

    [Fact]
    public void BeginRepair_Should_refuse_When_another_repair_holds_the_provider()
    {
        var provider = TestValues.Connect();
        provider.BeginRepair(Guid.NewGuid(), Now, Now.AddMinutes(5), automatic: false, maxAutomaticPerDay: 3);

        var act = () => provider.BeginRepair(Guid.NewGuid(), Now.AddMinutes(1), Now.AddMinutes(6), automatic: false, maxAutomaticPerDay: 3);

        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be("repair_in_progress");
        provider.Version.Should().Be(2);
    }

    [Fact]
    public void BeginRepair_Should_pause_auto_repair_until_the_day_ends_When_the_days_automatic_repairs_are_spent()
    {
        var provider = TestValues.Connect();
        for (var i = 0; i < 2; i++)
        {
            var runId = Guid.NewGuid();
            provider.BeginRepair(runId, Now.AddHours(i), Now.AddHours(i).AddMinutes(5), automatic: true, maxAutomaticPerDay: 2).Should().BeTrue();
            provider.EndRepair(runId);
        }

        var version = provider.Version;
        provider.BeginRepair(Guid.NewGuid(), Now.AddHours(3), Now.AddHours(3).AddMinutes(5), automatic: true, maxAutomaticPerDay: 2).Should().BeFalse();

        provider.AutoRepairPausedUntil.Should().Be(Now.AddDays(1), "the day counts from the first automatic repair");
        provider.RepairRunId.Should().BeNull();
        provider.Version.Should().Be(version, "a refused repair changes nothing the tenant sees but the pause");

        provider.BeginRepair(Guid.NewGuid(), Now.AddDays(1), Now.AddDays(1).AddMinutes(5), automatic: true, maxAutomaticPerDay: 2).Should().BeTrue("a new day starts a new count");
        provider.AutoRepairCount.Should().Be(1);
        provider.AutoRepairPausedUntil.Should().BeNull();
    }

    [Fact]
    public void ReplaceTrunk_Should_move_the_termination_uri_and_drop_the_old_trunks_origination_urls()
    {
        var provider = TestValues.Connect();
        provider.AnnounceRepairTrunk("vp-fedcba9876543210.pstn.twilio.com");

        provider.ReplaceTrunk("TKfedcba9876543210fedcba9876543210", "vp-fedcba9876543210.pstn.twilio.com", Now);

        provider.TrunkSid.Should().Be("TKfedcba9876543210fedcba9876543210");
        provider.TerminationUri.Should().Be("sip:vp-fedcba9876543210.pstn.ashburn.twilio.com");
        provider.OriginationUrls.Should().BeEmpty();
        provider.PendingRepairTrunkDomainName.Should().BeNull("the create is recorded");
        provider.Version.Should().Be(2);
    }

    [Fact]
    public void ReplaceLostSipCredential_Should_make_the_new_credential_current_and_count_it()
    {
        var provider = TestValues.Connect();

        provider.ReplaceLostSipCredential("CRfedcba9876543210fedcba9876543210", "vpnewuser", new ProtectedSecret("cipher-new"), Now);

        (provider.SipCredentialSid, provider.SipUsername, provider.SipCredentialVersion).Should().Be(("CRfedcba9876543210fedcba9876543210", "vpnewuser", 2));
        provider.RetiringSipCredentials.Should().BeEmpty("the lost credential has nothing left to retire");
    }

    [Fact]
    public void SetAutoRepair_Should_end_a_pause_and_move_the_version_When_the_mode_changes()
    {
        var provider = TestValues.Connect();
        provider.BeginRepair(Guid.NewGuid(), Now, Now.AddMinutes(1), automatic: true, maxAutomaticPerDay: 0);

        provider.SetAutoRepair(AutoRepairMode.Safe, Now).Should().BeTrue();
        provider.SetAutoRepair(AutoRepairMode.Safe, Now).Should().BeFalse();

        provider.AutoRepair.Should().Be(AutoRepairMode.Safe);
        provider.AutoRepairPausedUntil.Should().BeNull();
        provider.Version.Should().Be(2);
    }
}
