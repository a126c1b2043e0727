using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Security;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// The module's own 256-bit keys for keyed hashes (HMAC-SHA256), one per use, each made once per deployment and stored
/// in <c>module_keys</c> encrypted with Data Protection (like the tokens), so every replica hashes alike. A host keeps
/// a key it loaded.
/// </summary>
internal sealed class ModuleKeys(IServiceScopeFactory scopes, ISecretProtector protector, TimeProvider timeProvider)
{
    public static readonly SecretPurpose Purpose = new("module-key");
    public static readonly Guid KeyOwner = new("6a1f3f0e-6c59-4f55-9a5e-2c0d7f1b9e11");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, byte[]> _loaded = new(StringComparer.Ordinal);

    /// <summary>The key named <paramref name="name"/>, made on first use.</summary>
    public ValueTask<byte[]> GetAsync(string name, CancellationToken cancellationToken) =>
        _loaded.TryGetValue(name, out var key) ? ValueTask.FromResult(key) : new ValueTask<byte[]>(LoadAsync(name, cancellationToken));

    private async Task<byte[]> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded.TryGetValue(name, out var loaded))
            {
                return loaded;
            }

            await using var scope = scopes.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
            var stored = await dbContext.Set<ModuleKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Name == name, cancellationToken);
            if (stored is null)
            {
                // Two replicas may race to make it: the first insert wins and both read that one.
                var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await dbContext.Database.ExecuteSqlAsync(
                    $"INSERT INTO voip_providers.module_keys (name, value, created_at) VALUES ({name}, {protector.Protect(Purpose, KeyOwner, fresh).CipherText}, {timeProvider.GetUtcNow()}) ON CONFLICT (name) DO NOTHING",
                    cancellationToken);
                stored = await dbContext.Set<ModuleKey>().AsNoTracking().SingleAsync(k => k.Name == name, cancellationToken);
            }

            var key = Convert.FromBase64String(protector.Unprotect(Purpose, KeyOwner, stored.Value));
            _loaded[name] = key;
            return key;
        }
        finally
        {
            _loading.Release();
        }
    }
}
