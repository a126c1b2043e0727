namespace VoipProviders.Application.Common.Auditing;

/// <summary>
/// A token's fingerprint for the audit trail: the first 12 hex characters of an HMAC-SHA256 under a server-side key
/// (kept encrypted like the other secrets). Support can tell whether two tokens are the same without storing either.
/// </summary>
public interface ISecretFingerprint
{
    Task<string> OfAsync(string secret, CancellationToken cancellationToken);
}
