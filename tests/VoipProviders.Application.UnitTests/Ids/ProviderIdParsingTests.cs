namespace VoipProviders.Application.UnitTests.Ids;

/// <summary>
/// The provider id the validators used to refuse (the empty UUID, keyed "id"): commands and queries now carry a
/// <see cref="ProviderId"/>, which cannot hold it. The HTTP edge parses the route value and answers the 400.
/// </summary>
public sealed class ProviderIdParsingTests
{
    [Fact]
    public void TryParse_Should_accept_a_non_empty_uuid()
    {
        ProviderId.TryParse("0199f6a2-4c1e-7b3d-9a10-1234567890ab", out var providerId).Should().BeTrue();
        providerId.Should().Be(TestValues.ProviderId);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData(null)]
    public void TryParse_Should_refuse_the_empty_uuid_and_anything_that_is_not_a_uuid(string? value)
    {
        ProviderId.TryParse(value, out var providerId).Should().BeFalse();
        providerId.Should().Be(default(ProviderId));
    }

    [Fact]
    public void From_Should_refuse_the_empty_uuid_without_echoing_it()
    {
        var act = () => ProviderId.From(Guid.Empty);

        act.Should().Throw<ArgumentException>()
            .WithMessage("A provider id is a non-empty UUID.*")
            .Which.Message.Should().NotContain(Guid.Empty.ToString());
    }
}
