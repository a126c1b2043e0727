namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioAuthTokenTests
{
    private const string Hex32 = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void IsWellFormed_Should_accept_32_lowercase_hex()
    {
        TwilioAuthToken.IsWellFormed(Hex32).Should().BeTrue();
        TwilioAuthToken.From(Hex32).IsWellFormed().Should().BeTrue();
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdez")]
    [InlineData("AC0123456789abcdef0123456789abcdef")]
    [InlineData(" 0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef\n")]
    [InlineData("")]
    [InlineData(null)]
    public void IsWellFormed_Should_reject_When_the_shape_is_not_exact(string? value)
    {
        TwilioAuthToken.IsWellFormed(value).Should().BeFalse();
        TwilioAuthToken.From(value).IsWellFormed().Should().BeFalse();
    }

    [Fact]
    public void ToString_Should_never_print_the_token_not_even_inside_a_record()
    {
        var token = TwilioAuthToken.From(Hex32);

        token.ToString().Should().Be("[redacted]");
        $"{token}".Should().NotContain(Hex32);
        new Holder(token).ToString().Should().NotContain(Hex32).And.Contain("[redacted]");
    }

    [Fact]
    public void Reveal_Should_give_the_plaintext_back()
    {
        TwilioAuthToken.From(Hex32).Reveal().Should().Be(Hex32);
        TwilioAuthToken.From(null).Reveal().Should().BeEmpty();
        TwilioAuthToken.From(null).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Equality_Should_compare_the_values()
    {
        TwilioAuthToken.From(Hex32).Should().Be(TwilioAuthToken.From(Hex32));
        TwilioAuthToken.From(Hex32).Should().NotBe(TwilioAuthToken.From("fedcba9876543210fedcba9876543210"));
        TwilioAuthToken.From(Hex32).Equals(null).Should().BeFalse();
    }

    private sealed record Holder(TwilioAuthToken Token);
}
