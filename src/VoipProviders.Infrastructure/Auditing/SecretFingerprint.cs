using System.Security.Cryptography;
using System.Text;
using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// HMAC-SHA256 under a 256-bit key made once per deployment and stored encrypted with Data Protection (like the tokens;
/// see <see cref="ModuleKeys"/>), so every replica fingerprints alike; the first 12 hex characters are the fingerprint.
/// </summary>
internal sealed class SecretFingerprint(ModuleKeys keys) : ISecretFingerprint
{
    public const string KeyName = "audit-fingerprint";

    public async Task<string> OfAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = await keys.GetAsync(KeyName, cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(mac)[..12];
    }
}
