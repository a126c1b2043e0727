namespace VoipProviders.Domain.UnitTests.Common;

public sealed class ProviderIdTests
{
    [Fact]
    public void From_Should_keep_a_non_empty_uuid()
    {
        var providerId = ProviderId.From(TestValues.ProviderId);

        providerId.Value.Should().Be(TestValues.ProviderId);
        providerId.Should().Be(ProviderId.From(TestValues.ProviderId));
    }

    [Fact]
    public void From_Should_refuse_the_empty_uuid_without_echoing_it()
    {
        var act = () => ProviderId.From(Guid.Empty);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.ParamName.Should().Be("value");
        thrown.Message.Should().NotContain(Guid.Empty.ToString());
    }

    [Theory]
    [InlineData("0199f6a2-4c1e-7b3d-9a10-1234567890ab")]
    [InlineData("0199F6A2-4C1E-7B3D-9A10-1234567890AB")]
    [InlineData("0199f6a24c1e7b3d9a101234567890ab")]
    public void TryParse_Should_accept_a_uuid_and_round_trip_it_through_Value(string value)
    {
        ProviderId.TryParse(value, out var providerId).Should().BeTrue();

        providerId.Value.Should().Be(TestValues.ProviderId);
        providerId.ToString().Should().Be("0199f6a2-4c1e-7b3d-9a10-1234567890ab");
        ProviderId.TryParse(providerId.ToString(), out var again).Should().BeTrue();
        again.Should().Be(providerId);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uuid")]
    [InlineData("0199f6a2-4c1e-7b3d-9a10-1234567890a")]
    [InlineData("0199f6a2-4c1e-7b3d-9a10-1234567890ag")]
    [InlineData("0199f6a2-4c1e-7b3d-9a10-1234567890ab0")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Should_refuse_the_empty_uuid_and_what_is_not_a_uuid(string? value)
    {
        ProviderId.TryParse(value, out var providerId).Should().BeFalse();

        providerId.Should().Be(default(ProviderId));
    }

    [Fact]
    public void New_Should_make_a_non_empty_version_7_uuid_ordered_by_time()
    {
        var first = ProviderId.New(TestValues.Now);
        var second = ProviderId.New(TestValues.Now.AddSeconds(1));

        first.Value.Should().NotBe(Guid.Empty);
        first.Value.Version.Should().Be(7);
        string.CompareOrdinal(first.ToString(), second.ToString()).Should().BeNegative();
    }
}
