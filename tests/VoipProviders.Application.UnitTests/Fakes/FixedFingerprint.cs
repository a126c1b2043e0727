using System.Security.Cryptography;
using System.Text;
using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>A deterministic fingerprint: "fp-" and the first 12 hex characters of the secret's SHA-256.</summary>
public sealed class FixedFingerprint : ISecretFingerprint
{
    public static string Of(string secret) =>
        "fp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];

    public Task<string> OfAsync(string secret, CancellationToken cancellationToken) => Task.FromResult(Of(secret));
}
