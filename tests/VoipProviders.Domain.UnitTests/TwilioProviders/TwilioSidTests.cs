namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioSidTests
{
    private const string Hex32 = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void IsAccountSid_Should_accept_AC_followed_by_32_lowercase_hex()
    {
        TwilioSid.IsAccountSid("AC" + Hex32).Should().BeTrue();
    }

    [Theory]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("AC0123456789abcdef0123456789abcdeF")]
    [InlineData("ac0123456789abcdef0123456789abcdef")]
    [InlineData("SK0123456789abcdef0123456789abcdef")]
    [InlineData("AC0123456789abcdef0123456789abcde")]
    [InlineData("AC0123456789abcdef0123456789abcdef0")]
    [InlineData("AC0123456789abcdef0123456789abcdeg")]
    [InlineData(" AC0123456789abcdef0123456789abcdef")]
    [InlineData("AC")]
    [InlineData("")]
    [InlineData(null)]
    public void IsAccountSid_Should_reject_When_the_shape_is_not_exact(string? value)
    {
        TwilioSid.IsAccountSid(value).Should().BeFalse();
    }

    [Fact]
    public void IsAccountSid_Should_reject_When_a_trailing_newline_follows()
    {
        TwilioSid.IsAccountSid("AC0123456789abcdef0123456789abcdef\n").Should().BeFalse();
    }

    [Theory]
    [InlineData("TK", "TK" + Hex32)]
    [InlineData("CL", "CL0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("CR", "CR" + Hex32)]
    public void Is_Should_accept_a_34_character_sid_with_the_prefix(string prefix, string value)
    {
        TwilioSid.Is(prefix, value).Should().BeTrue();
    }

    [Theory]
    [InlineData("TK", "CL" + Hex32)]
    [InlineData("TK", "tk" + Hex32)]
    [InlineData("TK", "TK" + Hex32 + "0")]
    [InlineData("TK", "TK0123456789abcdef0123456789abcde")]
    [InlineData("TK", "TK0123456789abcdef0123456789abcdeg")]
    [InlineData("TK", "TK0123456789abcdef0123456789abcde\n")]
    [InlineData("TK", "TK0123456789abcdef/123456789abcdef")]
    [InlineData("TK", "")]
    [InlineData("TK", null)]
    public void Is_Should_reject_When_the_prefix_length_or_characters_do_not_match(string prefix, string? value)
    {
        TwilioSid.Is(prefix, value).Should().BeFalse();
    }
}
