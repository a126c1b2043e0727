using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioRegionTests
{
    public static TheoryData<string, string> CodesAndEdges => new()
    {
        { "us1", "ashburn" },
        { "us2", "umatilla" },
        { "ie1", "dublin" },
        { "de1", "frankfurt" },
        { "au1", "sydney" },
        { "jp1", "tokyo" },
        { "br1", "sao-paulo" },
        { "sg1", "singapore" },
    };

    [Theory]
    [MemberData(nameof(CodesAndEdges))]
    public void FromCode_Should_return_the_region_with_its_edge_When_the_code_is_known(string code, string edge)
    {
        var region = TwilioRegion.FromCode(code);

        region.Code.Should().Be(code);
        region.Edge.Should().Be(edge);
        region.ToString().Should().Be(code);
    }

    [Theory]
    [MemberData(nameof(CodesAndEdges))]
    public void TryFromCode_Should_succeed_with_the_shared_instance_When_the_code_is_known(string code, string edge)
    {
        var found = TwilioRegion.TryFromCode(code, out var region);

        found.Should().BeTrue();
        region.Should().NotBeNull();
        region!.Edge.Should().Be(edge);
        region.Should().BeSameAs(TwilioRegion.All.Single(r => r.Code == code));
    }

    [Theory]
    [InlineData("IE1")]
    [InlineData("Us1")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("eu1")]
    [InlineData(" us1")]
    [InlineData("us1 ")]
    [InlineData("ashburn")]
    public void TryFromCode_Should_reject_When_the_code_is_not_an_exact_known_code(string? code)
    {
        var found = TwilioRegion.TryFromCode(code, out var region);

        found.Should().BeFalse();
        region.Should().BeNull();
    }

    [Theory]
    [InlineData("IE1")]
    [InlineData("eu1")]
    [InlineData("")]
    public void FromCode_Should_throw_When_the_code_is_unknown(string code)
    {
        var act = () => TwilioRegion.FromCode(code);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("code");
    }

    [Fact]
    public void All_Should_list_the_eight_regions_in_order_with_their_codes()
    {
        TwilioRegion.All.Select(r => r.Code).Should().Equal("us1", "us2", "ie1", "de1", "au1", "jp1", "br1", "sg1");
        TwilioRegion.Codes.Should().Equal(TwilioRegion.All.Select(r => r.Code));
        TwilioRegion.All.Select(r => r.Edge).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Default_Should_be_us1_ashburn()
    {
        TwilioRegion.Default.Should().BeSameAs(TwilioRegion.Us1);
        TwilioRegion.Default.Edge.Should().Be("ashburn");
    }
}
