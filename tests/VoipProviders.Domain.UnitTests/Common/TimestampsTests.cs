namespace VoipProviders.Domain.UnitTests.Common;

public sealed class TimestampsTests
{
    [Fact]
    public void Normalize_Should_keep_microseconds_and_drop_the_ticks_PostgreSQL_cannot_store()
    {
        var value = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

        Timestamps.Normalize(value).Should().Be(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_560));
    }

    [Fact]
    public void Normalize_Should_answer_in_UTC()
    {
        var value = new DateTimeOffset(2026, 11, 26, 11, 30, 0, TimeSpan.FromHours(2));

        var normalized = Timestamps.Normalize(value);

        normalized.Offset.Should().Be(TimeSpan.Zero);
        normalized.Should().Be(value);
    }
}
