namespace VoipProviders.Application.UnitTests.Ids;

/// <summary>
/// The Account SIDs the connect validator used to refuse (its accountSid format rule): the connect command now carries
/// an <see cref="AccountSid"/>, which cannot hold them; what is left to the validator is a missing one.
/// </summary>
public sealed class AccountSidParsingTests
{
    [Fact]
    public void TryParse_Should_accept_AC_followed_by_32_lowercase_hexadecimal_characters()
    {
        AccountSid.TryParse("AC0123456789abcdef0123456789abcdef", out var accountSid).Should().BeTrue();
        accountSid.Should().Be(TestValues.AccountSid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("SK0123456789abcdef0123456789abcdef")]
    [InlineData("nope")]
    [InlineData(null)]
    public void TryParse_Should_refuse_anything_else(string? value)
    {
        AccountSid.TryParse(value, out var accountSid).Should().BeFalse();
        accountSid.Should().Be(default(AccountSid));
    }

    [Theory]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("SK0123456789abcdef0123456789abcdef")]
    public void Parse_Should_refuse_a_malformed_account_sid_without_echoing_it(string value)
    {
        var act = () => AccountSid.Parse(value);

        act.Should().Throw<ArgumentException>()
            .WithMessage("An Account SID is 'AC' followed by 32 lowercase hexadecimal characters.*")
            .Which.Message.Should().NotContain(value);
    }
}
