namespace VoipProviders.Domain.UnitTests.Twilio;

public sealed class AccountSidTests
{
    [Theory]
    [InlineData(TestValues.AccountSid)]
    [InlineData("AC00000000000000000000000000000000")]
    [InlineData("ACffffffffffffffffffffffffffffffff")]
    public void Parse_Should_accept_AC_followed_by_32_lowercase_hex_and_give_it_back_unchanged(string value)
    {
        var accountSid = AccountSid.Parse(value);

        accountSid.Value.Should().Be(value);
        accountSid.ToString().Should().Be(value);
        AccountSid.TryParse(value, out var parsed).Should().BeTrue();
        parsed.Should().Be(accountSid);
    }

    [Theory]
    [InlineData("AC123")]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("AC0123456789abcdef0123456789abcdeF")]
    [InlineData("AC0123456789abcdef0123456789abcdef\n")]
    [InlineData("ac0123456789abcdef0123456789abcdef")]
    [InlineData("SK0123456789abcdef0123456789abcdef")]
    [InlineData("AC0123456789abcdef0123456789abcde")]
    [InlineData("AC0123456789abcdef0123456789abcdef0")]
    [InlineData(" AC0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Should_refuse_what_is_not_an_Account_SID(string? value)
    {
        AccountSid.TryParse(value, out var accountSid).Should().BeFalse();

        accountSid.Should().Be(default(AccountSid));
    }

    [Theory]
    [InlineData("AC123")]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("AC0123456789abcdef0123456789abcdef\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_Should_throw_an_ArgumentException_that_never_contains_the_value(string? value)
    {
        var act = () => AccountSid.Parse(value);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.ParamName.Should().Be("value");
        if (!string.IsNullOrEmpty(value))
        {
            thrown.Message.Should().NotContain(value).And.NotContain(value.Trim());
        }
    }

    [Fact]
    public void Value_Should_throw_When_the_sid_was_never_parsed()
    {
        var act = () => default(AccountSid).Value;

        act.Should().Throw<InvalidOperationException>();
    }
}
