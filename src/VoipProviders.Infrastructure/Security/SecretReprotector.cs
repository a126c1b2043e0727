using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// <c>reprotect-secrets</c>: a new Data Protection key (encrypted with the configured certificate), every stored secret
/// re-protected under it, the old keys revoked, and those of them stored unencrypted deleted (README, "Re-protecting
/// secrets"). Data Protection's own APIs do the cryptography: <see cref="IPersistedDataProtector"/> reads a secret
/// whatever key protected it (a revoked one included) and says whether that key is the current one.
/// </summary>
/// <remarks>
/// Safe with replicas running: it waits until every replica has loaded the new key
/// (<see cref="SecretProtectionOptions.KeyRingRefreshInterval"/>, twice) before it protects anything under it; each
/// secret is written in its own statement, and only over the ciphertext it read (a secret changed meanwhile is read
/// again); secrets are re-read after the old keys are revoked, for any a replica wrote meanwhile; keys are deleted only
/// when nothing needs them. Safe to run twice or after an interruption: every run makes its own key and re-protects
/// whatever is not under it; a revoked key still reads. Two runs at once are kept apart by an advisory lock.
/// </remarks>
internal sealed class SecretReprotector(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ModuleDataSource moduleDataSource,
    IKeyManager keyManager,
    IKeyRingProvider keyRing,
    KeyRingRepository keyRingRepository,
    IDataProtectionProvider dataProtectionProvider,
    IOptions<KeyManagementOptions> keyManagement,
    IOptions<SecretProtectionOptions> secretProtection,
    TimeProvider timeProvider)
{
    /// <summary>A <c>pg_advisory_lock</c> key of this command's own ("reprotec" in ASCII).</summary>
    internal const long RunLock = 0x7265_7072_6F74_6563;

    private const int WritesPerSecret = 5;
    private static readonly TimeSpan NewKeyLoadTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan DefaultPropagationDelay => secretProtection.Value.KeyRingRefreshInterval * 2;

    public async Task<bool> RunAsync(TimeSpan propagationDelay, TextWriter report, CancellationToken cancellationToken)
    {
        var columns = LocateColumns();
        await using var runLock = await TakeRunLockAsync(cancellationToken);
        if (runLock is null)
        {
            await report.WriteLineAsync("Another reprotect-secrets run holds the key ring; nothing was changed. Run again when it has finished.");
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var newKey = keyManager.CreateNewKey(now, now + keyManagement.Value.NewKeyLifetime);
        var stored = keyRingRepository.GetAllElements().SingleOrDefault(e => KeyRingRepository.KeyIdOf(e) == newKey.KeyId);
        var storedEncrypted = stored is not null && !KeyRingRepository.IsStoredInClear(stored);
        await report.WriteLineAsync(storedEncrypted
            ? $"Created key {newKey.KeyId}, stored encrypted with the key-encryption certificate."
            : $"Created key {newKey.KeyId} — stored UNENCRYPTED: no DataProtection:KeyEncryptionCertificatePath is configured.");
        await WaitUntilCurrentAsync(newKey.KeyId, cancellationToken);

        if (propagationDelay > TimeSpan.Zero)
        {
            await report.WriteLineAsync($"Waiting {propagationDelay} for every replica to load it (twice DataProtection:KeyRingRefreshInterval)...");
            await Task.Delay(propagationDelay, timeProvider, cancellationToken);
        }

        var first = new Tally();
        foreach (var column in columns)
        {
            await ReprotectAsync(column, first, cancellationToken);
        }

        await report.WriteLineAsync("Re-protected:");
        foreach (var line in first.Lines())
        {
            await report.WriteLineAsync(line);
        }

        var toRevoke = keyManager.GetAllKeys().Where(k => k.KeyId != newKey.KeyId && !k.IsRevoked).ToList();
        foreach (var key in toRevoke)
        {
            keyManager.RevokeKey(key.KeyId, $"reprotect-secrets {now:O}: every stored secret was re-protected under key {newKey.KeyId:D}.");
        }

        await report.WriteLineAsync($"Revoked {toRevoke.Count} old key(s): {string.Join(", ", toRevoke.Select(k => k.KeyId))}.");

        // A replica may have written a secret under an old key until it saw the new one: once more, now that none is
        // current. What this look finds is final.
        var second = new Tally();
        foreach (var column in columns)
        {
            await ReprotectAsync(column, second, cancellationToken);
        }

        await report.WriteLineAsync($"Looked again after revoking: {second.Reprotected} more re-protected.");
        foreach (var secret in second.Unreadable)
        {
            await report.WriteLineAsync($"  Unreadable, left as it is (no key this ring holds decrypts it): {secret}");
        }

        if (second.ChangedConcurrently > 0)
        {
            await report.WriteLineAsync(
                $"{second.ChangedConcurrently} secret(s) kept changing while this ran and were not re-protected; no key was deleted. Run reprotect-secrets again.");
            return false;
        }

        var inClear = keyRingRepository.GetAllElements()
            .Where(KeyRingRepository.IsStoredInClear)
            .Select(KeyRingRepository.KeyIdOf)
            .OfType<Guid>()
            .Where(id => id != newKey.KeyId)
            .ToHashSet();
        if (inClear.Count > 0)
        {
            ((IDeletableKeyManager)keyManager).DeleteKeys(key => inClear.Contains(key.KeyId));
            await report.WriteLineAsync($"Deleted {inClear.Count} old key(s) that were stored unencrypted.");
        }

        await report.WriteLineAsync($"Done: every stored secret that could be read is protected under key {newKey.KeyId}.");
        return true;
    }

    /// <summary>The declared secrets (every entity configuration that holds one says so), with their table and column names from the model.</summary>
    private List<SecretColumnLocation> LocateColumns()
    {
        using var scope = scopes.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Model;
        return [.. DeclaredColumns().Select(column => SecretColumnLocation.In(model, column))];
    }

    internal static IEnumerable<ProtectedSecretColumn> DeclaredColumns() =>
        typeof(SecretReprotector).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IDeclareProtectedSecrets).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .SelectMany(type => ((IDeclareProtectedSecrets)Activator.CreateInstance(type)!).ProtectedSecrets);

    private async Task<NpgsqlConnection?> TakeRunLockAsync(CancellationToken cancellationToken)
    {
        // A connection of its own, outside the pool: the lock is the session's and ends with it.
        var builder = new NpgsqlConnectionStringBuilder(DependencyInjection.ConnectionString(configuration)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", RunLock);
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return connection;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Creating a key expires this process's cached ring, but the next read may still be served the old one while the new loads.</summary>
    private async Task WaitUntilCurrentAsync(Guid keyId, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(NewKeyLoadTimeout);
        while (keyRing.GetCurrentKeyRing().DefaultKeyId != keyId)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, deadline.Token);
        }
    }

    private async Task ReprotectAsync(SecretColumnLocation column, Tally tally, CancellationToken cancellationToken)
    {
        var dataSource = moduleDataSource.DataSource;
        var keys = new List<object>();
        await using (var list = dataSource.CreateCommand($"SELECT {column.Key} FROM {column.Table} WHERE {column.Secret} IS NOT NULL ORDER BY {column.Key}"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetValue(0));
            }
        }

        foreach (var key in keys)
        {
            tally.Count(column, await ReprotectRowAsync(dataSource, column, key, tally, cancellationToken));
        }
    }

    private async Task<Outcome> ReprotectRowAsync(NpgsqlDataSource dataSource, SecretColumnLocation column, object key, Tally tally, CancellationToken cancellationToken)
    {
        for (var write = 0; write < WritesPerSecret; write++)
        {
            string cipherText;
            Guid owner;
            await using (var read = dataSource.CreateCommand($"SELECT {column.OwnerSql}, {column.Secret} FROM {column.Table} WHERE {column.Key} = @key"))
            {
                read.Parameters.AddWithValue("key", key);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(1, cancellationToken))
                {
                    return Outcome.Gone;
                }

                owner = column.FixedOwner ?? reader.GetGuid(0);
                cipherText = reader.GetString(1);
            }

            var protector = (IPersistedDataProtector)DataProtectionSecretProtector.ProtectorFor(dataProtectionProvider, column.Purpose, owner);
            byte[] plaintext;
            bool requiresMigration;
            bool wasRevoked;
            try
            {
                plaintext = protector.DangerousUnprotect(WebEncoders.Base64UrlDecode(cipherText), ignoreRevocationErrors: true, out requiresMigration, out wasRevoked);
            }
            catch (Exception exception) when (exception is CryptographicException or FormatException)
            {
                tally.Unreadable.Add($"{column.Name} {Convert.ToString(key, CultureInfo.InvariantCulture)}");
                return Outcome.Unreadable;
            }

            if (!requiresMigration && !wasRevoked)
            {
                CryptographicOperations.ZeroMemory(plaintext);
                return Outcome.Current;
            }

            var reprotected = WebEncoders.Base64UrlEncode(protector.Protect(plaintext));
            CryptographicOperations.ZeroMemory(plaintext);
            await using var update = dataSource.CreateCommand($"UPDATE {column.Table} SET {column.Secret} = @reprotected WHERE {column.Key} = @key AND {column.Secret} = @read");
            update.Parameters.AddWithValue("reprotected", reprotected);
            update.Parameters.AddWithValue("key", key);
            update.Parameters.AddWithValue("read", cipherText);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return Outcome.Reprotected;
            }

            // Written meanwhile (a rotation, a replica): read what is there now.
        }

        return Outcome.ChangedConcurrently;
    }

    private enum Outcome
    {
        Reprotected,
        Current,
        Gone,
        Unreadable,
        ChangedConcurrently,
    }

    /// <summary>What became of the secrets of each column.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<string, Dictionary<Outcome, int>> _byColumn = new(StringComparer.Ordinal);

        public List<string> Unreadable { get; } = [];

        public int Reprotected => Total(Outcome.Reprotected);

        public int ChangedConcurrently => Total(Outcome.ChangedConcurrently);

        public void Count(SecretColumnLocation column, Outcome outcome)
        {
            if (!_byColumn.TryGetValue(column.Name, out var counts))
            {
                _byColumn[column.Name] = counts = [];
            }

            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        public IEnumerable<string> Lines() =>
            _byColumn.Select(column =>
                $"  {column.Key}: {column.Value.GetValueOrDefault(Outcome.Reprotected)} re-protected, " +
                $"{column.Value.GetValueOrDefault(Outcome.Current)} already under the new key, {column.Value.GetValueOrDefault(Outcome.Unreadable)} unreadable, " +
                $"{column.Value.GetValueOrDefault(Outcome.ChangedConcurrently)} changing.");

        private int Total(Outcome outcome) => _byColumn.Values.Sum(counts => counts.GetValueOrDefault(outcome));
    }
}
