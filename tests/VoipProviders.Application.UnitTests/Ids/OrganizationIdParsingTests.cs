namespace VoipProviders.Application.UnitTests.Ids;

/// <summary>
/// The organization ids the validators used to refuse (organizationId rules of the Get/Delete/List/Create/Update/Import
/// validators): commands now carry an <see cref="OrganizationId"/>, which cannot hold them. The HTTP edge parses the
/// token's claim with <see cref="OrganizationId.TryParse"/> and answers the 400.
/// </summary>
public sealed class OrganizationIdParsingTests
{
    public static TheoryData<string> Malformed => new()
    {
        "",
        " ",
        "  ",
        "   ",
        new string('z', 65),
        "org-" + TestValues.UppercaseToken + TestValues.UppercaseToken,
    };

    [Theory]
    [InlineData("org-42")]
    [InlineData("o")]
    public void TryParse_Should_accept_a_well_formed_organization_id(string value)
    {
        OrganizationId.TryParse(value, out var organizationId).Should().BeTrue();
        organizationId.Value.Should().Be(value);
    }

    [Fact]
    public void TryParse_Should_accept_an_organization_id_of_exactly_64_characters()
    {
        var value = new string('o', 64);

        OrganizationId.TryParse(value, out var organizationId).Should().BeTrue();
        organizationId.Value.Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Should_refuse_a_blank_or_too_long_organization_id(string value)
    {
        OrganizationId.TryParse(value, out var organizationId).Should().BeFalse();
        organizationId.Should().Be(default(OrganizationId));
    }

    [Fact]
    public void TryParse_Should_refuse_a_missing_organization_id()
    {
        OrganizationId.TryParse(null, out _).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Should_refuse_a_malformed_organization_id_without_echoing_it(string value)
    {
        var act = () => OrganizationId.Parse(value);

        var thrown = act.Should().Throw<ArgumentException>()
            .WithMessage("An organization id has 1 to 64 characters and no control characters or whitespace.*")
            .Which;
        if (!string.IsNullOrWhiteSpace(value))
        {
            thrown.Message.Should().NotContain(value);
        }
    }

    [Fact]
    public void MaxLength_Should_be_64_characters()
    {
        OrganizationId.MaxLength.Should().Be(64);
        OrganizationId.IsWellFormed(new string('z', 64)).Should().BeTrue();
        OrganizationId.IsWellFormed(new string('z', 65)).Should().BeFalse();
    }
}
