using Microsoft.AspNetCore.DataProtection;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// Auth Tokens through ASP.NET Core Data Protection with the project's purpose chain (root purpose, secret purpose,
/// owner id), so either server can read what the other wrote over the shared key ring.
/// </summary>
internal sealed class ReferenceSecrets(IDataProtectionProvider provider)
{
    public string ProtectAuthToken(Guid providerId, string token) => ProtectorFor(providerId).Protect(token);

    public string UnprotectAuthToken(Guid providerId, string cipherText) => ProtectorFor(providerId).Unprotect(cipherText);

    private IDataProtector ProtectorFor(Guid providerId) =>
        provider.CreateProtector("VoipProviders.Secrets.v1", "TwilioAuthToken", providerId.ToString("N"));
}
