using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Domain.UnitTests.TwilioProviders.AuthTokenRotations;

public sealed class TwilioProviderAuthTokenRotationTests
{
    private static readonly Guid RotationId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000aa");
    private static readonly ProtectedSecret NewToken = new("cipher-auth-token-v2");

    [Fact]
    public void A_new_provider_Should_have_the_policy_off_and_nothing_due()
    {
        var provider = TestValues.Connect();

        provider.AuthTokenRotationPolicy.Should().Be(AuthTokenRotationPolicy.Off);
        provider.NextAuthTokenRotationAt.Should().BeNull();
        provider.ActiveAuthTokenRotationId.Should().BeNull();
    }

    [Fact]
    public void BeginAuthTokenRotation_Should_block_credential_changes_and_a_second_rotation_until_it_ends()
    {
        var provider = TestValues.Connect();
        var version = provider.Version;

        provider.BeginAuthTokenRotation(RotationId, TestValues.Now);

        provider.Version.Should().Be(version + 1, "a credential change loaded before loses at its commit");
        provider.Invoking(p => p.RotateAuthToken(NewToken, TestValues.Now)).Should().Throw<DomainRuleViolationException>()
            .Which.Code.Should().Be("rotation_in_progress");
        provider.Invoking(p => p.BeginAuthTokenRotation(Guid.NewGuid(), TestValues.Now)).Should().Throw<DomainRuleViolationException>();

        provider.EndAuthTokenRotation(RotationId, TestValues.Now.AddMinutes(1));
        provider.ActiveAuthTokenRotationId.Should().BeNull();
        provider.Invoking(p => p.RotateAuthToken(NewToken, TestValues.Now.AddMinutes(2))).Should().NotThrow();
    }

    [Fact]
    public void CompleteAuthTokenRotation_Should_take_the_secondary_as_the_token_and_set_the_next_rotation()
    {
        var provider = TestValues.Connect();
        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(true, 30, 60), TestValues.Now);
        provider.BeginAuthTokenRotation(RotationId, TestValues.Now);
        var later = TestValues.Now.AddMinutes(2);

        provider.CompleteAuthTokenRotation(RotationId, NewToken, later);

        provider.AuthToken.Should().Be(NewToken);
        provider.AuthTokenUpdatedAt.Should().Be(later);
        provider.ActiveAuthTokenRotationId.Should().BeNull();
        provider.NextAuthTokenRotationAt.Should().Be(later.AddDays(30));
        provider.Invoking(p => p.CompleteAuthTokenRotation(RotationId, NewToken, later)).Should().Throw<InvalidOperationException>("it is no longer the running one");
    }

    [Fact]
    public void SetAuthTokenRotationPolicy_Should_make_the_first_rotation_due_an_interval_after_the_token_changed_or_now()
    {
        var provider = TestValues.Connect();

        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(true, 90, 60), TestValues.Now.AddDays(1)).Should().BeTrue();
        provider.NextAuthTokenRotationAt.Should().Be(TestValues.Now.AddDays(90));

        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(true, 1, 60), TestValues.Now.AddDays(5)).Should().BeTrue();
        provider.NextAuthTokenRotationAt.Should().Be(TestValues.Now.AddDays(5), "the interval after the last change has passed: due at once");

        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(true, 1, 60), TestValues.Now.AddDays(6)).Should().BeFalse("unchanged");

        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(false, 1, 60), TestValues.Now.AddDays(6)).Should().BeTrue();
        provider.NextAuthTokenRotationAt.Should().BeNull();
    }

    [Fact]
    public void A_failed_scheduled_rotation_Should_be_tried_again_a_day_later()
    {
        var provider = TestValues.Connect();
        provider.SetAuthTokenRotationPolicy(new AuthTokenRotationPolicy(true, 1, 0), TestValues.Now.AddDays(2));
        provider.BeginAuthTokenRotation(RotationId, TestValues.Now.AddDays(2));

        provider.EndAuthTokenRotation(RotationId, TestValues.Now.AddDays(2).AddMinutes(1));

        provider.NextAuthTokenRotationAt.Should().Be(TestValues.Now.AddDays(3).AddMinutes(1));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(366, 60)]
    [InlineData(30, 301)]
    public void The_policy_Should_refuse_an_interval_or_delay_out_of_range(int intervalDays, int delaySeconds) =>
        FluentActions.Invoking(() => new AuthTokenRotationPolicy(true, intervalDays, delaySeconds)).Should().Throw<ArgumentOutOfRangeException>();
}
