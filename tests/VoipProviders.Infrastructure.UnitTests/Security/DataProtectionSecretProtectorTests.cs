using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.UnitTests.Security;

public sealed class DataProtectionSecretProtectorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly DataProtectionSecretProtector _protector;

    public DataProtectionSecretProtectorTests() => _protector = new DataProtectionSecretProtector(_dataProtection);

    [Fact]
    public void A_protected_secret_round_trips_and_its_ciphertext_hides_the_plaintext()
    {
        var owner = Guid.NewGuid();

        var secret = _protector.Protect(TwilioSecrets.AuthToken, owner, Token);

        secret.CipherText.Should().NotContain(Token);
        secret.ToString().Should().NotContain(secret.CipherText);
        _protector.Unprotect(TwilioSecrets.AuthToken, owner, secret).Should().Be(Token);
    }

    [Fact]
    public void Protecting_twice_gives_different_ciphertexts()
    {
        var owner = Guid.NewGuid();

        _protector.Protect(TwilioSecrets.AuthToken, owner, Token).CipherText
            .Should().NotBe(_protector.Protect(TwilioSecrets.AuthToken, owner, Token).CipherText);
    }

    [Fact]
    public void A_ciphertext_copied_to_another_owner_does_not_decrypt()
    {
        var secret = _protector.Protect(TwilioSecrets.AuthToken, Guid.NewGuid(), Token);

        var act = () => _protector.Unprotect(TwilioSecrets.AuthToken, Guid.NewGuid(), secret);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void A_ciphertext_used_for_another_purpose_does_not_decrypt()
    {
        var owner = Guid.NewGuid();
        var secret = _protector.Protect(TwilioSecrets.SipPassword, owner, Token);

        var act = () => _protector.Unprotect(TwilioSecrets.AuthToken, owner, secret);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void A_purpose_is_its_name_so_a_declared_purpose_and_one_built_from_the_same_name_are_interchangeable()
    {
        var owner = Guid.NewGuid();
        var secret = _protector.Protect(TwilioSecrets.AuthToken, owner, Token);

        _protector.Unprotect(new SecretPurpose("TwilioAuthToken"), owner, secret).Should().Be(Token);
        TwilioSecrets.SipPassword.Should().Be(new SecretPurpose("SipPassword"));
    }

    [Theory]
    [InlineData("TwilioAuthToken")]
    [InlineData("SipPassword")]
    public void A_ciphertext_stored_under_the_purpose_chain_the_enum_produced_still_decrypts(string storedPurposeName)
    {
        // Before SecretPurpose became a record struct, the chain held the enum member's name; stored secrets depend on it.
        var owner = Guid.NewGuid();
        var stored = _dataProtection.CreateProtector("VoipProviders.Secrets.v1", storedPurposeName, owner.ToString("N")).Protect(Token);
        var purpose = storedPurposeName == "SipPassword" ? TwilioSecrets.SipPassword : TwilioSecrets.AuthToken;

        _protector.Unprotect(purpose, owner, new ProtectedSecret(stored)).Should().Be(Token);
    }
}
