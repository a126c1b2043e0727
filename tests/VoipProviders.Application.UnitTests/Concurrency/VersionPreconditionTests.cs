using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Application.UnitTests.Concurrency;

public sealed class VersionPreconditionTests
{
    [Fact]
    public void Exactly_Should_accept_that_version_only()
    {
        var precondition = VersionPrecondition.Exactly(3);

        precondition.AcceptedVersions.Should().Equal(3L);
        precondition.IsSatisfiedBy(3).Should().BeTrue();
        precondition.IsSatisfiedBy(2).Should().BeFalse();
        precondition.IsSatisfiedBy(4).Should().BeFalse();
    }

    [Fact]
    public void AnyOf_Should_accept_each_listed_version_once_and_no_other()
    {
        var precondition = VersionPrecondition.AnyOf([5, 1, 5, 3, 1]);

        precondition.AcceptedVersions.Should().Equal(5L, 1L, 3L);
        precondition.IsSatisfiedBy(1).Should().BeTrue();
        precondition.IsSatisfiedBy(3).Should().BeTrue();
        precondition.IsSatisfiedBy(5).Should().BeTrue();
        precondition.IsSatisfiedBy(2).Should().BeFalse();
        precondition.IsSatisfiedBy(4).Should().BeFalse();
    }

    [Fact]
    public void AnyOf_Should_keep_its_own_copy_When_the_caller_changes_the_list_afterwards()
    {
        var versions = new List<long> { 1 };
        var precondition = VersionPrecondition.AnyOf(versions);

        versions.Add(2);

        precondition.IsSatisfiedBy(2).Should().BeFalse();
        precondition.AcceptedVersions.Should().Equal(1L);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public void Unsatisfiable_Should_accept_no_version(long version)
    {
        VersionPrecondition.Unsatisfiable.AcceptedVersions.Should().BeEmpty();
        VersionPrecondition.Unsatisfiable.IsSatisfiedBy(version).Should().BeFalse();
    }

    [Fact]
    public void AnyOf_Should_accept_no_version_When_the_list_is_empty()
    {
        VersionPrecondition.AnyOf([]).IsSatisfiedBy(1).Should().BeFalse();
    }

    [Fact]
    public void Check_Should_pass_When_the_current_version_is_accepted()
    {
        var act = () => VersionPrecondition.AnyOf([2, 4]).Check(4);

        act.Should().NotThrow();
    }

    [Fact]
    public void Check_Should_throw_precondition_failed_When_the_current_version_is_not_accepted()
    {
        var act = () => VersionPrecondition.Exactly(1).Check(2);

        var thrown = act.Should().Throw<PreconditionFailedException>().Which;
        thrown.Kind.Should().Be(FailureKind.PreconditionFailed);
        thrown.Code.Should().Be("precondition_failed");
        thrown.Title.Should().Be("Precondition failed");
    }

    [Fact]
    public void Check_Should_throw_precondition_failed_for_any_version_When_unsatisfiable()
    {
        var act = () => VersionPrecondition.Unsatisfiable.Check(1);

        act.Should().Throw<PreconditionFailedException>();
    }
}
