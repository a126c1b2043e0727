using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.UnitTests.Persistence;

/// <summary>How a commit that stamped a row at version 5 (read at 4) is judged from what the row holds afterwards.</summary>
public sealed class StampedRowTests
{
    private static readonly Guid Ours = Guid.CreateVersion7();
    private static readonly StampedRow Row = new("SELECT …", Guid.NewGuid(), Ours, WrittenVersion: 5);

    [Fact]
    public void The_commits_own_stamp_means_it_took_effect_whatever_the_version_since() =>
        new[] { Row.Judge(5, Ours), Row.Judge(6, Ours) }.Should().AllBeEquivalentTo(true);

    [Theory]
    [InlineData(4, "the row is still at the version the commit read")]
    [InlineData(5, "a concurrent change that read the same version won: same version, another stamp")]
    public void Another_stamp_at_or_below_the_written_version_means_it_did_not(long storedVersion, string because) =>
        Row.Judge(storedVersion, Guid.CreateVersion7()).Should().BeFalse(because);

    [Fact]
    public void A_row_never_stamped_at_the_version_read_means_it_did_not() =>
        Row.Judge(4, storedStamp: null).Should().BeFalse();

    [Fact]
    public void Another_stamp_past_the_written_version_cannot_be_told_apart() =>
        Row.Judge(6, Guid.CreateVersion7()).Should().BeNull("the commit may have taken effect and been overwritten since");
}
