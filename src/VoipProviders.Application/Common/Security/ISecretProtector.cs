using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Security;

/// <summary>
/// Encrypts secrets for storage. A secret is bound to its purpose and to the entity that owns it, so a ciphertext
/// copied to another row or used for another purpose does not decrypt.
/// </summary>
public interface ISecretProtector
{
    ProtectedSecret Protect(SecretPurpose purpose, Guid ownerId, string plaintext);

    string Unprotect(SecretPurpose purpose, Guid ownerId, ProtectedSecret secret);
}
