namespace VoipProviders.Domain.UnitTests.Common;

public sealed class ProtectedSecretTests
{
    private const string CipherText = "CfDJ8-super-secret-ciphertext";

    [Fact]
    public void ToString_Should_never_show_the_ciphertext()
    {
        var secret = new ProtectedSecret(CipherText);

        secret.ToString().Should().Be("[protected]");
        $"token={secret}".Should().NotContain(CipherText);
    }

    [Fact]
    public void ToString_of_a_record_holding_the_secret_Should_not_show_the_ciphertext()
    {
        var trunk = TestValues.Trunk() with { SipPassword = new ProtectedSecret(CipherText) };

        var text = trunk.ToString();

        text.Should().Contain("SipPassword = [protected]").And.NotContain(CipherText);
    }

    [Fact]
    public void CipherText_Should_keep_the_protected_value_for_storage()
    {
        new ProtectedSecret(CipherText).CipherText.Should().Be(CipherText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_Should_reject_When_the_ciphertext_is_blank(string cipherText)
    {
        var act = () => new ProtectedSecret(cipherText);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_Should_reject_When_the_ciphertext_is_null()
    {
        var act = () => new ProtectedSecret(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Equality_Should_follow_the_ciphertext()
    {
        new ProtectedSecret(CipherText).Should().Be(new ProtectedSecret(CipherText));
        new ProtectedSecret(CipherText).Should().NotBe(new ProtectedSecret(CipherText + "x"));
    }
}
