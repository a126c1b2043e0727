using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.UnitTests.Providers;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioProviderUpdateTests
{
    private static readonly DateTimeOffset Later = TestValues.Now.AddHours(2);

    /// <summary>A moment with ticks below the microsecond and a non-UTC offset, as a clock may give it.</summary>
    private static readonly DateTimeOffset Ragged = new DateTimeOffset(2026, 11, 26, 14, 15, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    /// <summary><see cref="Ragged"/> as the domain records it: UTC, to the microsecond.</summary>
    private static readonly DateTimeOffset RaggedNormalized = new DateTimeOffset(2026, 11, 26, 12, 15, 0, TimeSpan.Zero).AddTicks(1_234_560);

    [Fact]
    public void Connect_Should_start_the_version_at_1()
    {
        TestValues.Connect().Version.Should().Be(1);
    }

    [Fact]
    public void Connect_Should_record_its_timestamps_in_UTC_to_the_microsecond()
    {
        var provider = TestValues.Connect(now: Ragged);

        provider.CreatedAt.Should().Be(RaggedNormalized);
        provider.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        provider.CreatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.UpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.AuthTokenUpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
    }

    [Fact]
    public void Rename_Should_change_the_name_stamp_the_time_and_count_one_version()
    {
        var provider = TestValues.Connect(name: "Main Twilio");

        var changed = provider.Rename("Backup Twilio", Later);

        changed.Should().BeTrue();
        provider.Name.Should().Be("Backup Twilio");
        provider.UpdatedAt.Should().Be(Later);
        provider.Version.Should().Be(2);
        provider.CreatedAt.Should().Be(TestValues.Now);
        provider.AuthTokenUpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void Rename_Should_change_nothing_else()
    {
        var renamed = TestValues.Connect(region: TwilioRegion.De1, supportsCallTransfer: true);
        var untouched = TestValues.Connect(region: TwilioRegion.De1, supportsCallTransfer: true);

        renamed.Rename("Backup Twilio", Later);

        renamed.Should().BeEquivalentTo(untouched, options => options
            .Excluding(p => p.Name)
            .Excluding(p => p.UpdatedAt)
            .Excluding(p => p.Version));
    }

    [Fact]
    public void Rename_Should_return_false_and_keep_the_version_and_time_When_the_name_is_the_same()
    {
        var provider = TestValues.Connect(name: "Main Twilio");

        var changed = provider.Rename("Main Twilio", Later);

        changed.Should().BeFalse();
        provider.Name.Should().Be("Main Twilio");
        provider.Version.Should().Be(1);
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void Rename_Should_count_a_change_of_case_as_a_change()
    {
        var provider = TestValues.Connect(name: "Main Twilio");

        var changed = provider.Rename("main twilio", Later);

        changed.Should().BeTrue();
        provider.Name.Should().Be("main twilio");
        provider.Version.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(ProviderNameTests.InvalidNames), MemberType = typeof(ProviderNameTests))]
    public void Rename_Should_throw_and_change_nothing_When_the_name_is_invalid(string name)
    {
        var provider = TestValues.Connect(name: "Main Twilio");

        var act = () => provider.Rename(name, Later);

        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(ProviderName.InvalidCode);
        provider.Name.Should().Be("Main Twilio");
        provider.Version.Should().Be(1);
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void Rename_Should_throw_and_change_nothing_When_the_name_is_null()
    {
        var provider = TestValues.Connect(name: "Main Twilio");

        var act = () => provider.Rename(null!, Later);

        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(ProviderName.InvalidCode);
        provider.Name.Should().Be("Main Twilio");
        provider.Version.Should().Be(1);
    }

    [Fact]
    public void Rename_Should_never_echo_the_rejected_name_in_the_message()
    {
        var provider = TestValues.Connect();

        var act = () => provider.Rename("secret-ish\nvalue", Later);

        act.Should().Throw<DomainRuleViolationException>().Which.Message.Should().NotContain("secret-ish");
    }

    [Fact]
    public void Rename_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var provider = TestValues.Connect();

        provider.Rename("Backup Twilio", Ragged);

        provider.UpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void MoveToRegion_Should_change_the_region_and_localize_the_termination_uri_to_its_edge()
    {
        var provider = TestValues.Connect(region: TwilioRegion.Us1, trunk: TestValues.Trunk("vp-abc.pstn.twilio.com"));

        var changed = provider.MoveToRegion(TwilioRegion.Ie1, Later);

        changed.Should().BeTrue();
        provider.Region.Should().BeSameAs(TwilioRegion.Ie1);
        provider.TerminationUri.Should().Be("sip:vp-abc.pstn.dublin.twilio.com");
        provider.UpdatedAt.Should().Be(Later);
        provider.Version.Should().Be(2);
    }

    [Fact]
    public void MoveToRegion_Should_keep_the_trunk_and_everything_else()
    {
        var moved = TestValues.Connect(region: TwilioRegion.Us1, supportsCallTransfer: true);
        var untouched = TestValues.Connect(region: TwilioRegion.Us1, supportsCallTransfer: true);

        moved.MoveToRegion(TwilioRegion.Sg1, Later);

        moved.Should().BeEquivalentTo(untouched, options => options
            .Excluding(p => p.Region)
            .Excluding(p => p.TerminationUri)
            .Excluding(p => p.UpdatedAt)
            .Excluding(p => p.Version));
        moved.TrunkDomainName.Should().Be(TestValues.TrunkDomainName, "only the termination host changes, never the trunk");
        moved.TerminationUri.Should().Be("sip:vp-abc.pstn.singapore.twilio.com");
    }

    [Fact]
    public void MoveToRegion_Should_return_false_and_keep_the_version_and_time_When_the_region_is_the_same()
    {
        var provider = TestValues.Connect(region: TwilioRegion.De1);
        var uriBefore = provider.TerminationUri;

        var changed = provider.MoveToRegion(TwilioRegion.FromCode("de1"), Later);

        changed.Should().BeFalse();
        provider.Region.Should().BeSameAs(TwilioRegion.De1);
        provider.TerminationUri.Should().Be(uriBefore);
        provider.Version.Should().Be(1);
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void MoveToRegion_Should_throw_and_change_nothing_When_the_region_is_null()
    {
        var provider = TestValues.Connect(region: TwilioRegion.Us1);

        var act = () => provider.MoveToRegion(null!, Later);

        act.Should().Throw<ArgumentNullException>().WithParameterName("region");
        provider.Region.Should().BeSameAs(TwilioRegion.Us1);
        provider.Version.Should().Be(1);
    }

    [Fact]
    public void MoveToRegion_Should_follow_every_move_When_moved_several_times()
    {
        var provider = TestValues.Connect(region: TwilioRegion.Us1);

        provider.MoveToRegion(TwilioRegion.Jp1, Later);
        provider.MoveToRegion(TwilioRegion.Br1, Later.AddMinutes(1));

        provider.Region.Should().BeSameAs(TwilioRegion.Br1);
        provider.TerminationUri.Should().Be("sip:vp-abc.pstn.sao-paulo.twilio.com");
        provider.UpdatedAt.Should().Be(Later.AddMinutes(1));
        provider.Version.Should().Be(3);
    }

    [Fact]
    public void MoveToRegion_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var provider = TestValues.Connect(region: TwilioRegion.Us1);

        provider.MoveToRegion(TwilioRegion.Au1, Ragged);

        provider.UpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void SetCallTransfer_Should_record_the_new_mode_stamp_the_time_and_count_one_version(bool before, bool after)
    {
        var provider = TestValues.Connect(supportsCallTransfer: before);

        var changed = provider.SetCallTransfer(after, Later);

        changed.Should().BeTrue();
        provider.SupportsCallTransfer.Should().Be(after);
        provider.UpdatedAt.Should().Be(Later);
        provider.Version.Should().Be(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetCallTransfer_Should_return_false_and_keep_the_version_and_time_When_the_mode_is_the_same(bool mode)
    {
        var provider = TestValues.Connect(supportsCallTransfer: mode);

        var changed = provider.SetCallTransfer(mode, Later);

        changed.Should().BeFalse();
        provider.SupportsCallTransfer.Should().Be(mode);
        provider.Version.Should().Be(1);
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void SetCallTransfer_Should_change_nothing_else()
    {
        var changed = TestValues.Connect(region: TwilioRegion.Ie1, supportsCallTransfer: false);
        var untouched = TestValues.Connect(region: TwilioRegion.Ie1, supportsCallTransfer: false);

        changed.SetCallTransfer(true, Later);

        changed.Should().BeEquivalentTo(untouched, options => options
            .Excluding(p => p.SupportsCallTransfer)
            .Excluding(p => p.UpdatedAt)
            .Excluding(p => p.Version));
    }

    [Fact]
    public void SetCallTransfer_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var provider = TestValues.Connect(supportsCallTransfer: false);

        provider.SetCallTransfer(true, Ragged);

        provider.UpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Version_Should_count_every_change_once_and_skip_the_changes_that_changed_nothing()
    {
        var provider = TestValues.Connect(name: "Main Twilio", region: TwilioRegion.Us1, supportsCallTransfer: false);

        provider.Rename("Backup Twilio", Later);                   // 2
        provider.Rename("Backup Twilio", Later);                   // no-op
        provider.MoveToRegion(TwilioRegion.Ie1, Later);            // 3
        provider.MoveToRegion(TwilioRegion.Ie1, Later);            // no-op
        provider.SetCallTransfer(true, Later);                     // 4
        provider.SetCallTransfer(true, Later);                     // no-op
        provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], Later, Later); // not a change
        provider.RotateAuthToken(new ProtectedSecret("cipher-auth-token-v2"), Later); // 5

        provider.Version.Should().Be(5);
    }

    [Fact]
    public void RecordVerification_and_RotateAuthToken_Should_record_their_times_in_UTC_to_the_microsecond()
    {
        var provider = TestValues.Connect();

        provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], Ragged, Ragged.AddHours(1));
        provider.RotateAuthToken(new ProtectedSecret("cipher-auth-token-v2"), Ragged);

        provider.LastVerifiedAt!.Value.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.LastVerifiedAt.Value.Offset.Should().Be(TimeSpan.Zero);
        provider.AuthTokenUpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
        provider.UpdatedAt.UtcTicks.Should().Be(RaggedNormalized.UtcTicks);
    }

    [Fact]
    public void PlanResourceCleanup_Should_leave_the_provider_unchanged()
    {
        var provider = TestValues.Connect();
        var untouched = TestValues.Connect();

        provider.PlanResourceCleanup(Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000001"), Later);

        provider.Should().BeEquivalentTo(untouched);
        provider.Version.Should().Be(1);
    }
}
