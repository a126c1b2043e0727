using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Security;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// HMAC-SHA256 under a 256-bit key made once per deployment and stored encrypted with Data Protection (like the tokens),
/// so every replica fingerprints alike; the first 12 hex characters are the fingerprint.
/// </summary>
internal sealed class SecretFingerprint(IServiceScopeFactory scopes, ISecretProtector protector, TimeProvider timeProvider) : ISecretFingerprint
{
    public const string KeyName = "audit-fingerprint";

    public static readonly SecretPurpose Purpose = new("module-key");
    public static readonly Guid KeyOwner = new("6a1f3f0e-6c59-4f55-9a5e-2c0d7f1b9e11");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<string> OfAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = _key ?? await LoadKeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(mac)[..12];
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } loaded)
            {
                return loaded;
            }

            await using var scope = scopes.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
            var stored = await dbContext.Set<ModuleKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Name == KeyName, cancellationToken);
            if (stored is null)
            {
                // Two replicas may race to make it: the first insert wins and both read that one.
                var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await dbContext.Database.ExecuteSqlAsync(
                    $"INSERT INTO voip_providers.module_keys (name, value, created_at) VALUES ({KeyName}, {protector.Protect(Purpose, KeyOwner, fresh).CipherText}, {timeProvider.GetUtcNow()}) ON CONFLICT (name) DO NOTHING",
                    cancellationToken);
                stored = await dbContext.Set<ModuleKey>().AsNoTracking().SingleAsync(k => k.Name == KeyName, cancellationToken);
            }

            var key = Convert.FromBase64String(protector.Unprotect(Purpose, KeyOwner, stored.Value));
            _key = key;
            return key;
        }
        finally
        {
            _loading.Release();
        }
    }
}
