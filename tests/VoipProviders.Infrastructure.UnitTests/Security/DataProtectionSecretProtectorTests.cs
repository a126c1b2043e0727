using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using VoipProviders.Application.Common.Security;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.UnitTests.Security;

public sealed class DataProtectionSecretProtectorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly DataProtectionSecretProtector _protector = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_protected_secret_round_trips_and_its_ciphertext_hides_the_plaintext()
    {
        var owner = Guid.NewGuid();

        var secret = _protector.Protect(SecretPurpose.TwilioAuthToken, owner, Token);

        secret.CipherText.Should().NotContain(Token);
        secret.ToString().Should().NotContain(secret.CipherText);
        _protector.Unprotect(SecretPurpose.TwilioAuthToken, owner, secret).Should().Be(Token);
    }

    [Fact]
    public void Protecting_twice_gives_different_ciphertexts()
    {
        var owner = Guid.NewGuid();

        _protector.Protect(SecretPurpose.TwilioAuthToken, owner, Token).CipherText
            .Should().NotBe(_protector.Protect(SecretPurpose.TwilioAuthToken, owner, Token).CipherText);
    }

    [Fact]
    public void A_ciphertext_copied_to_another_owner_does_not_decrypt()
    {
        var secret = _protector.Protect(SecretPurpose.TwilioAuthToken, Guid.NewGuid(), Token);

        var act = () => _protector.Unprotect(SecretPurpose.TwilioAuthToken, Guid.NewGuid(), secret);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void A_ciphertext_used_for_another_purpose_does_not_decrypt()
    {
        var owner = Guid.NewGuid();
        var secret = _protector.Protect(SecretPurpose.SipPassword, owner, Token);

        var act = () => _protector.Unprotect(SecretPurpose.TwilioAuthToken, owner, secret);

        act.Should().Throw<CryptographicException>();
    }
}
