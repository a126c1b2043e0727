using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.UnitTests.Persistence;

public sealed class VersionSevenIdsTests
{
    private static readonly DateTimeOffset Instant = new(2026, 12, 6, 10, 15, 30, 123, TimeSpan.Zero);

    [Fact]
    public void The_floor_of_an_instant_is_at_most_every_id_made_at_it_and_above_every_id_made_before_it()
    {
        var floor = VersionSevenIds.Floor(Instant);

        for (var i = 0; i < 1000; i++)
        {
            Compare(Guid.CreateVersion7(Instant), floor).Should().BeGreaterThanOrEqualTo(0);
            Compare(Guid.CreateVersion7(Instant.AddMilliseconds(-1)), floor).Should().BeNegative();
        }
    }

    [Fact]
    public void The_floor_is_a_version_7_id_whose_bytes_sort_as_PostgreSQL_sorts_uuids()
    {
        var floor = VersionSevenIds.Floor(Instant);
        var later = VersionSevenIds.Floor(Instant.AddDays(1));

        floor.Version.Should().Be(7);
        Compare(floor, later).Should().BeNegative();
        floor.ToString()[..13].Replace("-", string.Empty, StringComparison.Ordinal)
            .Should().Be(Instant.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>As PostgreSQL compares uuids: byte by byte in the order they are written (big-endian).</summary>
    private static int Compare(Guid left, Guid right) =>
        left.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(right.ToByteArray(bigEndian: true));
}
