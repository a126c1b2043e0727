using System.Security.Cryptography;
using System.Text;
using VoipProviders.Application.Common.Security;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// A reversible stand-in for encryption: "protected:{purpose}:{owner}:{base64}". Like the real protector it is bound to
/// purpose and owner: unprotecting with another one throws.
/// </summary>
public sealed class FakeSecretProtector : ISecretProtector
{
    private const string Prefix = "protected";

    public ProtectedSecret Protect(SecretPurpose purpose, Guid ownerId, string plaintext)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintext);
        return new ProtectedSecret($"{Prefix}:{purpose}:{ownerId:N}:{Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext))}");
    }

    public string Unprotect(SecretPurpose purpose, Guid ownerId, ProtectedSecret secret)
    {
        var parts = secret.CipherText.Split(':');
        if (parts is not [Prefix, var storedPurpose, var storedOwner, var payload]
            || storedPurpose != purpose.ToString()
            || storedOwner != ownerId.ToString("N"))
        {
            throw new CryptographicException("The secret was not protected for this purpose and owner.");
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(payload));
    }
}
