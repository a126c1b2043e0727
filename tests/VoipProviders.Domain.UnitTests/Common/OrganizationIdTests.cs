namespace VoipProviders.Domain.UnitTests.Common;

public sealed class OrganizationIdTests
{
    [Theory]
    [InlineData("org_acme")]
    [InlineData("org-42")]
    [InlineData("0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")]
    [InlineData("Ünïcödé-org")]
    public void Parse_Should_accept_a_well_formed_id_and_give_it_back_unchanged(string value)
    {
        var organizationId = OrganizationId.Parse(value);

        organizationId.Value.Should().Be(value);
        organizationId.ToString().Should().Be(value);
        organizationId.Should().Be(OrganizationId.Parse(value));
    }

    [Fact]
    public void TryParse_Should_accept_exactly_64_characters_and_refuse_65()
    {
        var atLimit = new string('o', OrganizationId.MaxLength);
        var overLimit = new string('o', OrganizationId.MaxLength + 1);

        OrganizationId.MaxLength.Should().Be(64);
        OrganizationId.TryParse(atLimit, out var parsed).Should().BeTrue();
        parsed.Value.Should().Be(atLimit);
        OrganizationId.TryParse(overLimit, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("org\u0000x")]
    [InlineData("org x")]
    [InlineData("org\nx")]
    public void IsWellFormed_Should_refuse_control_characters_and_whitespace(string organizationId)
    {
        // Moved from TwilioProviderConnectTests.IsValidOrganizationId_Should_refuse_control_characters_and_whitespace.
        OrganizationId.IsWellFormed(System.Text.RegularExpressions.Regex.Unescape(organizationId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("org_acme")]
    [InlineData("0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")]
    public void IsWellFormed_Should_accept_ordinary_ids(string organizationId)
    {
        // Moved from TwilioProviderConnectTests.IsValidOrganizationId_Should_accept_ordinary_ids.
        OrganizationId.IsWellFormed(organizationId).Should().BeTrue();
    }

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        new string('o', 65),
        "acme\u0000x",
        "acme\u001Fx",
        "acme\u007Fx",
        "\u0085acme",
        "acme x",
        "acme\tx",
        "acme\nx",
        "acme\r\n",
        " acme",
        "acme ",
        "acme\u00A0x",
        "acme\u2028x",
        "acme\u3000x",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Should_refuse_a_missing_overlong_or_control_or_whitespace_id(string? value)
    {
        OrganizationId.IsWellFormed(value).Should().BeFalse();
        OrganizationId.TryParse(value, out var organizationId).Should().BeFalse();
        organizationId.Should().Be(default(OrganizationId));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Should_throw_an_ArgumentException_that_never_contains_the_value(string? value)
    {
        var act = () => OrganizationId.Parse(value);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.ParamName.Should().Be("value");
        if (!string.IsNullOrEmpty(value))
        {
            thrown.Message.Should().NotContain(value);
        }
    }

    [Fact]
    public void Parse_Should_not_echo_a_rejected_value_in_its_message()
    {
        var act = () => OrganizationId.Parse("leaky-tenant-id\nsecret");

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("leaky-tenant-id").And.NotContain("secret");
    }

    [Theory]
    [InlineData('a', true)]
    [InlineData('-', true)]
    [InlineData('é', true)]
    [InlineData(' ', false)]
    [InlineData('\t', false)]
    [InlineData('\u0000', false)]
    [InlineData('\u00A0', false)]
    public void IsAllowedCharacter_Should_refuse_control_characters_and_whitespace(char c, bool allowed)
    {
        OrganizationId.IsAllowedCharacter(c).Should().Be(allowed);
    }

    [Fact]
    public void Value_Should_throw_When_the_id_was_never_parsed()
    {
        var act = () => default(OrganizationId).Value;

        act.Should().Throw<InvalidOperationException>();
    }
}
