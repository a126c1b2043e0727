using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// Data Protection's key manager, whose cached key ring can be expired on demand. A replica otherwise reads the ring
/// again only once a day (or when its default key expires): a key another replica created — by
/// <c>reprotect-secrets</c> — or revoked would stay unknown to it that long, and secrets protected under the new key
/// would not decrypt there. <see cref="KeyRingRefresher"/> expires it every <c>DataProtection:KeyRingRefreshInterval</c>.
/// </summary>
internal sealed class RefreshableKeyManager(XmlKeyManager keyManager) : IKeyManager, IDeletableKeyManager
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _expiration = new();
    private CancellationToken _keyManagerToken;
    private CancellationTokenRegistration _keyManagerRegistration;

    public bool CanDeleteKeys => keyManager.CanDeleteKeys;

    /// <summary>
    /// Fires when the key manager's own token does (a key created or revoked in this process) or when
    /// <see cref="ExpireCachedKeyRing"/> is called. The key ring provider only polls it.
    /// </summary>
    public CancellationToken GetCacheExpirationToken()
    {
        lock (_gate)
        {
            var keyManagerToken = keyManager.GetCacheExpirationToken();
            if (_expiration.IsCancellationRequested || keyManagerToken != _keyManagerToken)
            {
                _keyManagerRegistration.Dispose();
                if (_expiration.IsCancellationRequested)
                {
                    _expiration = new CancellationTokenSource();
                }

                _keyManagerToken = keyManagerToken;
                _keyManagerRegistration = keyManagerToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _expiration);
            }

            return _expiration.Token;
        }
    }

    /// <summary>The next use of the key ring reads it from the database again (in the background, the stale one serving meanwhile).</summary>
    public void ExpireCachedKeyRing()
    {
        lock (_gate)
        {
            _expiration.Cancel();
        }
    }

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => keyManager.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => keyManager.GetAllKeys();

    public void RevokeKey(Guid keyId, string? reason = null) => keyManager.RevokeKey(keyId, reason);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => keyManager.RevokeAllKeys(revocationDate, reason);

    public bool DeleteKeys(Func<IKey, bool> shouldDelete) => keyManager.DeleteKeys(shouldDelete);
}
