namespace VoipProviders.Domain.UnitTests.Common;

/// <summary>The failure bookkeeping and the giving-up that ProvisioningIntent and TwilioResourceCleanup share.</summary>
public sealed class DurableOperationTests
{
    private static readonly DateTimeOffset FailedAt = TestValues.Now.AddMinutes(5);

    [Fact]
    public void RecordFailedAttempt_Should_count_keep_the_latest_reason_and_stamp_the_time()
    {
        var operation = new Operation();

        operation.RecordFailedAttempt("first", FailedAt);
        operation.RecordFailedAttempt("second", FailedAt.AddMinutes(1));

        operation.FailedAttempts.Should().Be(2);
        operation.LastFailure.Should().Be("second");
        operation.UpdatedAt.Should().Be(FailedAt.AddMinutes(1));
        operation.TimesMarkedAbandoned.Should().Be(0);
    }

    [Fact]
    public void RecordFailedAttempt_Should_keep_200_characters_whole_and_truncate_a_longer_reason_to_its_first_200()
    {
        var operation = new Operation();
        var exact = new string('f', 200);
        var longer = string.Concat(Enumerable.Range(0, 201).Select(i => (char)('a' + (i % 26))));

        DurableOperation.MaxFailureLength.Should().Be(200);
        operation.RecordFailedAttempt(exact, FailedAt);
        operation.LastFailure.Should().Be(exact);
        operation.RecordFailedAttempt(longer, FailedAt);
        operation.LastFailure.Should().HaveLength(200).And.Be(longer[..200]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void RecordFailedAttempt_Should_throw_and_count_nothing_When_the_reason_is_blank(string? failure)
    {
        var operation = new Operation();

        var act = () => operation.RecordFailedAttempt(failure!, FailedAt);

        act.Should().Throw<ArgumentException>();
        operation.FailedAttempts.Should().Be(0);
        operation.LastFailure.Should().BeNull();
        operation.UpdatedAt.Should().Be(default);
    }

    [Fact]
    public void Abandon_Should_move_to_the_abandoned_status_keep_the_failures_and_stamp_the_time_in_UTC_to_the_microsecond()
    {
        var operation = new Operation();
        operation.RecordFailedAttempt("twilio_credentials_rejected", FailedAt);

        operation.Abandon(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(19));

        operation.TimesMarkedAbandoned.Should().Be(1);
        operation.FailedAttempts.Should().Be(1);
        operation.LastFailure.Should().Be("twilio_credentials_rejected");
        operation.UpdatedAt.UtcTicks.Should().Be(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(10).UtcTicks);
        operation.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    private sealed class Operation : DurableOperation
    {
        public int TimesMarkedAbandoned { get; private set; }

        protected override void MarkAbandoned() => TimesMarkedAbandoned++;
    }
}
