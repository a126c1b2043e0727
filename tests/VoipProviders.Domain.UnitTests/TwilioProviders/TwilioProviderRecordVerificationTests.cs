using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioProviderRecordVerificationTests
{
    private static readonly DateTimeOffset VerifiedAt = TestValues.Now.AddMinutes(3);
    private static readonly DateTimeOffset NextAt = VerifiedAt.AddHours(1);

    public static TheoryData<VerificationCheckStatus[], VerificationStatus> Outcomes => new()
    {
        { [VerificationCheckStatus.Passed], VerificationStatus.Verified },
        { [VerificationCheckStatus.Passed, VerificationCheckStatus.Passed, VerificationCheckStatus.Passed], VerificationStatus.Verified },
        { [VerificationCheckStatus.Warning], VerificationStatus.Warning },
        { [VerificationCheckStatus.Passed, VerificationCheckStatus.Warning, VerificationCheckStatus.Passed], VerificationStatus.Warning },
        { [VerificationCheckStatus.Failed], VerificationStatus.Failed },
        { [VerificationCheckStatus.Passed, VerificationCheckStatus.Failed], VerificationStatus.Failed },
        { [VerificationCheckStatus.Warning, VerificationCheckStatus.Failed, VerificationCheckStatus.Warning], VerificationStatus.Failed },
        { [VerificationCheckStatus.Failed, VerificationCheckStatus.Warning], VerificationStatus.Failed },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void RecordVerification_Should_aggregate_the_check_statuses(VerificationCheckStatus[] statuses, VerificationStatus expected)
    {
        var provider = TestValues.Connect();
        var checks = statuses.Select((status, i) => TestValues.Check($"check-{i}", status)).ToList();

        provider.RecordVerification(checks, VerifiedAt, NextAt);

        provider.VerificationStatus.Should().Be(expected);
    }

    [Fact]
    public void RecordVerification_Should_store_the_checks_and_stamp_the_times()
    {
        var provider = TestValues.Connect();
        var checks = new List<VerificationCheck>
        {
            TestValues.Check("credentials", VerificationCheckStatus.Passed),
            TestValues.Check("trunk", VerificationCheckStatus.Warning),
        };

        provider.RecordVerification(checks, VerifiedAt, NextAt);

        provider.VerificationChecks.Should().Equal(checks);
        provider.LastVerifiedAt.Should().Be(VerifiedAt);
        provider.NextVerificationAt.Should().Be(NextAt);
        provider.UpdatedAt.Should().Be(TestValues.Now, "a verification observes the provider, it does not change it");
        provider.Version.Should().Be(1, "a background verification must never invalidate the ETag a caller holds");
        provider.CreatedAt.Should().Be(TestValues.Now);
        provider.AuthTokenUpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void RecordVerification_Should_keep_its_own_copy_When_the_caller_changes_the_list_afterwards()
    {
        var provider = TestValues.Connect();
        var checks = new List<VerificationCheck> { TestValues.Check("credentials", VerificationCheckStatus.Passed) };

        provider.RecordVerification(checks, VerifiedAt, NextAt);
        checks.Add(TestValues.Check("late", VerificationCheckStatus.Failed));

        provider.VerificationChecks.Should().ContainSingle().Which.CheckName.Should().Be("credentials");
    }

    [Fact]
    public void RecordVerification_Should_replace_the_previous_run()
    {
        var provider = TestValues.Connect();
        provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Failed)], VerifiedAt, NextAt);

        provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], VerifiedAt.AddHours(1), NextAt.AddHours(1));

        provider.VerificationStatus.Should().Be(VerificationStatus.Verified);
        provider.VerificationChecks.Should().ContainSingle().Which.Status.Should().Be(VerificationCheckStatus.Passed);
        provider.LastVerifiedAt.Should().Be(VerifiedAt.AddHours(1));
    }

    [Fact]
    public void RecordVerification_Should_throw_and_change_nothing_When_there_are_no_checks()
    {
        var provider = TestValues.Connect();

        var act = () => provider.RecordVerification([], VerifiedAt, NextAt);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("checks");
        provider.VerificationStatus.Should().Be(VerificationStatus.Pending);
        provider.VerificationChecks.Should().BeNull();
        provider.LastVerifiedAt.Should().BeNull();
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void RecordVerification_Should_throw_When_the_checks_are_null()
    {
        var provider = TestValues.Connect();

        var act = () => provider.RecordVerification(null!, VerifiedAt, NextAt);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void RecordVerification_Should_return_the_status_before_the_run()
    {
        var provider = TestValues.Connect();

        var first = provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Failed)], VerifiedAt, NextAt);
        var second = provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], VerifiedAt.AddHours(1), NextAt.AddHours(1));

        first.Should().Be(VerificationStatus.Pending);
        second.Should().Be(VerificationStatus.Failed);
        provider.VerificationStatus.Should().Be(VerificationStatus.Verified);
    }

    [Fact]
    public void RecordVerification_Should_treat_skipped_checks_as_following_the_failed_one()
    {
        var provider = TestValues.Connect();

        provider.RecordVerification(
            [
                TestValues.Check(VerificationCheckNames.Credentials, VerificationCheckStatus.Failed),
                TestValues.Check(VerificationCheckNames.Trunk, VerificationCheckStatus.Skipped),
                TestValues.Check(VerificationCheckNames.CredentialList, VerificationCheckStatus.Skipped),
                TestValues.Check(VerificationCheckNames.PhoneNumbers, VerificationCheckStatus.Skipped),
            ],
            VerifiedAt,
            NextAt);

        provider.VerificationStatus.Should().Be(VerificationStatus.Failed);
    }

    [Fact]
    public void RecordVerification_Should_refuse_a_next_run_due_before_this_one()
    {
        var provider = TestValues.Connect();

        var act = () => provider.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], VerifiedAt, VerifiedAt.AddTicks(-10));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("nextVerificationAt");
        provider.LastVerifiedAt.Should().BeNull();
    }

    [Fact]
    public void Connect_Should_make_a_new_provider_due_for_verification_at_once()
    {
        TestValues.Connect().NextVerificationAt.Should().Be(TestValues.Now);
    }
}
