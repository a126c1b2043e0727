using Microsoft.AspNetCore.DataProtection;
using VoipProviders.Application.Common.Security;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// <see cref="ISecretProtector"/> on ASP.NET Core Data Protection (authenticated encryption, rotating key ring).
/// The purpose chain binds each ciphertext to the secret's purpose and owner.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider dataProtectionProvider) : ISecretProtector
{
    private const string RootPurpose = "VoipProviders.Secrets.v1";

    public ProtectedSecret Protect(SecretPurpose purpose, Guid ownerId, string plaintext)
    {
        ArgumentException.ThrowIfNullOrEmpty(plaintext);
        return new ProtectedSecret(ProtectorFor(dataProtectionProvider, purpose, ownerId).Protect(plaintext));
    }

    public string Unprotect(SecretPurpose purpose, Guid ownerId, ProtectedSecret secret) =>
        ProtectorFor(dataProtectionProvider, purpose, ownerId).Unprotect(secret.CipherText);

    /// <summary>The protector of one secret: the purpose chain every stored ciphertext of it is bound to.</summary>
    internal static IDataProtector ProtectorFor(IDataProtectionProvider dataProtectionProvider, SecretPurpose purpose, Guid ownerId) =>
        dataProtectionProvider.CreateProtector(
            RootPurpose,
            purpose.Name ?? throw new ArgumentException("A secret needs a purpose.", nameof(purpose)),
            ownerId.ToString("N"));
}
