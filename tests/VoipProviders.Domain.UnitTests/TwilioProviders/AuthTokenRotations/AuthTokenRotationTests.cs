using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Domain.UnitTests.TwilioProviders.AuthTokenRotations;

public sealed class AuthTokenRotationTests
{
    private static readonly ProtectedSecret Secondary = new("cipher-secondary");
    private static readonly Guid RotationId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000aa");

    private static AuthTokenRotation Start(int delaySeconds = 60) =>
        AuthTokenRotation.Start(
            RotationId,
            ProviderId.From(TestValues.ProviderId),
            OrganizationId.Parse(TestValues.OrganizationId),
            AuthTokenRotationTrigger.OnDemand,
            delaySeconds,
            TestValues.Now);

    private static AuthTokenRotation Waiting(int delaySeconds = 60)
    {
        var rotation = Start(delaySeconds);
        rotation.RequestSecondary(TestValues.Now);
        rotation.StoreSecondary(Secondary, TestValues.Now.AddSeconds(1));
        rotation.SecondaryValidated(TestValues.Now.AddSeconds(2));
        return rotation;
    }

    [Fact]
    public void Start_Should_run_from_creating_the_secondary_with_nothing_announced()
    {
        var rotation = Start();

        rotation.Status.Should().Be(AuthTokenRotationStatus.Running);
        rotation.Step.Should().Be(AuthTokenRotationStep.CreatingSecondary);
        rotation.StartedAt.Should().Be(TestValues.Now);
        rotation.SecondaryRequestedAt.Should().BeNull();
        rotation.PromotionRequestedAt.Should().BeNull();
        rotation.SecondaryAuthToken.Should().BeNull();
        rotation.CanBeCancelled.Should().BeTrue();
        rotation.Version.Should().Be(1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public void Start_Should_refuse_a_propagation_delay_outside_0_to_300_seconds(int delaySeconds) =>
        FluentActions.Invoking(() => Start(delaySeconds)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("propagationDelaySeconds");

    [Fact]
    public void Steps_Should_follow_each_other_and_move_the_version_each_time()
    {
        var rotation = Start(delaySeconds: 30);

        rotation.RequestSecondary(TestValues.Now);
        rotation.SecondaryRequestedAt.Should().Be(TestValues.Now);
        rotation.StoreSecondary(Secondary, TestValues.Now.AddSeconds(1));
        rotation.Step.Should().Be(AuthTokenRotationStep.Validating);
        rotation.SecondaryValidated(TestValues.Now.AddSeconds(2));
        rotation.Step.Should().Be(AuthTokenRotationStep.Waiting);
        rotation.PromoteAfter.Should().Be(TestValues.Now.AddSeconds(32));
        rotation.RequestPromotion(TestValues.Now.AddSeconds(32));
        rotation.Step.Should().Be(AuthTokenRotationStep.Promoting);
        rotation.CanBeCancelled.Should().BeFalse("the promotion was asked of Twilio");
        rotation.Promoted(TestValues.Now.AddSeconds(33));
        rotation.Step.Should().Be(AuthTokenRotationStep.Verifying);
        rotation.SecondaryAuthToken.Should().BeNull("the provider holds it now");
        rotation.Complete(TestValues.Now.AddSeconds(34));

        rotation.Status.Should().Be(AuthTokenRotationStatus.Completed);
        rotation.Step.Should().Be(AuthTokenRotationStep.Done);
        rotation.CompletedAt.Should().Be(TestValues.Now.AddSeconds(34));
        rotation.Version.Should().Be(7, "one more per step");
    }

    [Fact]
    public void RequestPromotion_Should_refuse_before_the_propagation_delay_is_over() =>
        FluentActions.Invoking(() => Waiting(60).RequestPromotion(TestValues.Now.AddSeconds(61))).Should().Throw<InvalidOperationException>();

    [Fact]
    public void Steps_Should_refuse_to_run_out_of_order()
    {
        FluentActions.Invoking(() => Start().StoreSecondary(Secondary, TestValues.Now)).Should().NotThrow("a create may be stored without a marker of this run");
        FluentActions.Invoking(() => Start().SecondaryValidated(TestValues.Now)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Start().Promoted(TestValues.Now)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => Start().Complete(TestValues.Now)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Cancel_Should_stop_before_the_promotion_and_leave_a_clean_up_when_a_secondary_may_exist()
    {
        var untouched = Start();
        untouched.Cancel(TestValues.Now.AddSeconds(1)).Should().BeTrue();
        untouched.Status.Should().Be(AuthTokenRotationStatus.Cancelled);
        untouched.CleanupPending.Should().BeFalse("no create was ever asked for");

        var requested = Start();
        requested.RequestSecondary(TestValues.Now);
        requested.Cancel(TestValues.Now.AddSeconds(1)).Should().BeTrue();
        requested.CleanupPending.Should().BeTrue("the create may have reached Twilio");

        var waiting = Waiting();
        waiting.Cancel(TestValues.Now.AddSeconds(3)).Should().BeTrue();
        waiting.CleanupPending.Should().BeTrue();
        waiting.CompletedAt.Should().Be(TestValues.Now.AddSeconds(3));
        waiting.CleanedUp(TestValues.Now.AddSeconds(4));
        waiting.CleanupPending.Should().BeFalse();
        waiting.SecondaryAuthToken.Should().BeNull();
    }

    [Fact]
    public void Cancel_Should_be_refused_once_the_promotion_was_asked_for_and_after_the_end()
    {
        var promoting = Waiting(0);
        promoting.RequestPromotion(TestValues.Now.AddSeconds(3));
        promoting.Cancel(TestValues.Now.AddSeconds(4)).Should().BeFalse();
        promoting.Status.Should().Be(AuthTokenRotationStatus.Running);

        var cancelled = Start();
        cancelled.Cancel(TestValues.Now).Should().BeTrue();
        cancelled.Cancel(TestValues.Now).Should().BeFalse();
    }

    [Fact]
    public void DisownSecondary_Should_keep_the_clean_up_away_from_a_secondary_that_is_not_the_rotations()
    {
        var rotation = Start();
        rotation.RequestSecondary(TestValues.Now);
        rotation.DisownSecondary(TestValues.Now);
        rotation.Fail(AuthTokenRotationRules.SecondaryTokenExistsCode, "exists", TestValues.Now);

        rotation.Status.Should().Be(AuthTokenRotationStatus.Failed);
        rotation.FailureCode.Should().Be("twilio_secondary_token_exists");
        rotation.CleanupPending.Should().BeFalse("it never deletes a token it did not create");
    }

    [Fact]
    public void Fail_Should_be_refused_once_the_promotion_happened()
    {
        var rotation = Waiting(0);
        rotation.RequestPromotion(TestValues.Now.AddSeconds(3));
        rotation.Promoted(TestValues.Now.AddSeconds(4));

        FluentActions.Invoking(() => rotation.Fail("x", "y", TestValues.Now)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Fail_Should_keep_the_message_within_its_column() =>
        Start().Invoking(r => r.Fail("code", new string('m', 400), TestValues.Now)).Should().NotThrow();
}
