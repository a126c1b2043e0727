using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// <c>reprotect-secrets</c> (README, "Re-protecting secrets"): keys written before a key-encryption certificate was
/// configured are in clear in the key ring; the command puts every stored secret under a new key encrypted with the
/// certificate and retires the old keys. A database of its own, whose ring starts without a certificate.
/// </summary>
public sealed class ReprotectSecretsCommandTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task After_a_certificate_is_configured_every_secret_is_put_under_a_new_encrypted_key_and_the_old_keys_are_retired()
    {
        await using var database = await ScratchDatabase.CreateAsync(Fixture.ConnectionString, "reprotect");
        using var certificate = TestCertificate.Create();

        // Before: a replica without a certificate wrote the ring and protected a provider's token and SIP password, the token of
        // a deleted provider (its clean-up, which no job ran) and the audit's fingerprint key.
        var kept = NewProvider();
        var deleted = NewProvider();
        Guid keptId;
        Guid deletedId;
        string sipPassword;
        string fingerprint;
        string protectedUnderOldKeyOnly;
        await using (var before = TestHost.Start(database.ConnectionString, Fixture.EmulatorBaseAddress, ReplicaSettings()))
        {
            keptId = await ConnectAsync(before, kept);
            deletedId = await ConnectAsync(before, deleted);
            using (var response = await before.ClientFor(OrgA).DeleteAsync($"{ProvidersPath}/{deletedId}"))
            {
                response.StatusCode.Should().Be(HttpStatusCode.NoContent);
            }

            var protector = before.Services.GetRequiredService<ISecretProtector>();
            sipPassword = protector.Unprotect(TwilioSecrets.SipPassword, keptId, await SecretAsync(database, "twilio_providers", "sip_password_protected", "id", keptId));
            fingerprint = await before.Services.GetRequiredService<ISecretFingerprint>().OfAsync(kept.Account.AuthToken, CancellationToken.None);
            protectedUnderOldKeyOnly = protector.Protect(TwilioSecrets.AuthToken, keptId, NewToken()).CipherText;
        }

        var oldKeys = await KeyRingRows.ReadKeysAsync(database.ConnectionString);
        oldKeys.Should().Contain(key => key.InClear, "the ring was written without a certificate");
        var storedBefore = await AllStoredSecretsAsync(database);
        storedBefore.Should().HaveCount(4, "a token and a SIP password, a clean-up's token, the fingerprint key");

        // The command, as an operator runs it: the built host, with the certificate now configured.
        await using (var command = WebHostProcess.Start("Testing", CommandArguments(database, certificate)))
        {
            (await command.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().BeTrue(command.Output);
            command.ExitCode.Should().Be(0, command.Output);
            command.Output.Should().Contain("stored encrypted with the key-encryption certificate");
        }

        var ring = await KeyRingRows.ReadKeysAsync(database.ConnectionString);
        ring.Should().NotBeEmpty().And.OnlyContain(key => key.Encrypted && !key.InClear, "no key of the ring is stored in clear any more");
        ring.Select(key => key.Id).Should().NotIntersectWith(oldKeys.Select(key => key.Id), "the keys stored in clear are gone");
        (await AllStoredSecretsAsync(database)).Should().NotIntersectWith(storedBefore, "every secret was protected again");

        await using var after = TestHost.Start(database.ConnectionString, Fixture.EmulatorBaseAddress, ReplicaSettings(certificate));
        await ExpectEverySecretReadsAsync(after, database, keptId, kept.Account.AuthToken, sipPassword, deletedId, deleted.Account.AuthToken, fingerprint);
        var read = () => after.Services.GetRequiredService<ISecretProtector>().Unprotect(TwilioSecrets.AuthToken, keptId, new ProtectedSecret(protectedUnderOldKeyOnly));
        read.Should().Throw<CryptographicException>("what only an old key protected no longer decrypts");
        using (var response = await after.ClientFor(OrgA).GetAsync($"{TwilioProvidersPath}/{keptId}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Again, as a routine rotation, with replicas running: "after" runs it, "replica" must learn the new key by itself.
        await using var replica = TestHost.Start(database.ConnectionString, Fixture.EmulatorBaseAddress, ReplicaSettings(certificate));
        var firstKey = CurrentKey(replica);
        using (var report = new StringWriter())
        {
            (await SecretReprotection.RunAsync(after.Services, RefreshInterval * 3, report, CancellationToken.None)).Should().BeTrue(report.ToString());
        }

        var secondKey = CurrentKey(after);
        secondKey.Should().NotBe(firstKey);
        await WaitUntilAsync(() => CurrentKey(replica) == secondKey, "the other replica reads the ring again every KeyRingRefreshInterval");
        after.Services.GetRequiredService<IKeyManager>().GetAllKeys().Should().ContainSingle(key => !key.IsRevoked)
            .Which.KeyId.Should().Be(secondKey, "the key of the first run is revoked (and kept: it is stored encrypted)");
        await ExpectEverySecretReadsAsync(replica, database, keptId, kept.Account.AuthToken, sipPassword, deletedId, deleted.Account.AuthToken, fingerprint);
    }

    [Fact]
    public async Task A_second_run_while_one_holds_the_key_ring_changes_nothing()
    {
        var keysBefore = (await KeyRingRows.ReadKeysAsync(Fixture.ConnectionString)).Select(key => key.Id).ToList();
        await using var running = new NpgsqlConnection(Fixture.ConnectionString);
        await running.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", running))
        {
            // The lock a run holds for as long as it runs.
            take.Parameters.AddWithValue("key", SecretReprotector.RunLock);
            await take.ExecuteScalarAsync();
        }

        using var report = new StringWriter();
        var completed = await SecretReprotection.RunAsync(Fixture.Services, TimeSpan.Zero, report, CancellationToken.None);

        completed.Should().BeFalse();
        report.ToString().Should().Contain("Another reprotect-secrets run holds the key ring; nothing was changed");
        (await KeyRingRows.ReadKeysAsync(Fixture.ConnectionString)).Select(key => key.Id).Should().Equal(keysBefore, "no key was created, revoked or deleted");
    }

    [Fact]
    public void Every_protected_secret_of_the_model_is_declared_for_re_protection()
    {
        using var scope = Fixture.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Model;
        var inModel = model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties().Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(ProtectedSecret) || p.ClrType == typeof(ProtectedSecret)))
            .Select(property => $"{property.DeclaringType.ClrType.Name}.{property.Name}");

        var declared = SecretReprotector.DeclaredColumns().Select(column => $"{column.Entity.Name}.{column.Property}");

        declared.Should().BeEquivalentTo(inModel, "a secret reprotect-secrets does not know would stay under the old keys, and stop decrypting once they are retired");
    }

    private static async Task ExpectEverySecretReadsAsync(
        TestHost host,
        ScratchDatabase database,
        Guid keptId,
        string token,
        string sipPassword,
        Guid deletedId,
        string deletedToken,
        string fingerprint)
    {
        var protector = host.Services.GetRequiredService<ISecretProtector>();
        protector.Unprotect(TwilioSecrets.AuthToken, keptId, await SecretAsync(database, "twilio_providers", "auth_token_protected", "id", keptId))
            .Should().Be(token);
        protector.Unprotect(TwilioSecrets.SipPassword, keptId, await SecretAsync(database, "twilio_providers", "sip_password_protected", "id", keptId))
            .Should().Be(sipPassword);
        protector.Unprotect(TwilioSecrets.AuthToken, deletedId, await SecretAsync(database, "twilio_resource_cleanups", "auth_token_protected", "provider_id", deletedId))
            .Should().Be(deletedToken);
        (await host.Services.GetRequiredService<ISecretFingerprint>().OfAsync(token, CancellationToken.None))
            .Should().Be(fingerprint, "the fingerprint key still decrypts, so fingerprints stay comparable");
    }

    private static Guid CurrentKey(TestHost host) => host.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Not so after 30 s, but {because}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task<Guid> ConnectAsync(TestHost host, ProviderBuilder provider)
    {
        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, provider.Body());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private static async Task<ProtectedSecret> SecretAsync(ScratchDatabase database, string table, string column, string keyColumn, Guid key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM voip_providers.{table} WHERE {keyColumn} = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return new ProtectedSecret((string)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<IReadOnlyList<string>> AllStoredSecretsAsync(ScratchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT auth_token_protected FROM voip_providers.twilio_providers
            UNION ALL SELECT sip_password_protected FROM voip_providers.twilio_providers
            UNION ALL SELECT auth_token_protected FROM voip_providers.twilio_resource_cleanups WHERE auth_token_protected IS NOT NULL
            UNION ALL SELECT value FROM voip_providers.module_keys
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var secrets = new List<string>();
        while (await reader.ReadAsync())
        {
            secrets.Add(reader.GetString(0));
        }

        return secrets;
    }

    /// <summary>A replica on the scratch database: no background jobs (the clean-up keeps its token), the ring read again every second.</summary>
    private static Dictionary<string, string> ReplicaSettings(TestCertificate? certificate = null) =>
        new(certificate?.Settings ?? new Dictionary<string, string>())
        {
            ["BackgroundJobs:Enabled"] = "false",
            ["DataProtection:KeyRingRefreshInterval"] = RefreshInterval.ToString(),
        };

    private static IEnumerable<string> CommandArguments(ScratchDatabase database, TestCertificate certificate) =>
    [
        "reprotect-secrets",
        // One host only: nothing to wait for.
        "--propagation-delay", "00:00:00",
        $"--ConnectionStrings:VoipProviders={database.ConnectionString}",
        $"--DataProtection:KeyEncryptionCertificatePath={certificate.Path}",
        $"--DataProtection:KeyEncryptionCertificatePassword={TestCertificate.Password}",
        // The settings every replica has (validated as at a start), as in the tests' hosts.
        $"--Auth:Issuer={VoipProvidersApiFactory.Issuer}",
        $"--Auth:Audience={VoipProvidersApiFactory.Audience}",
        $"--Auth:SigningKey={VoipProvidersApiFactory.SigningKey}",
        $"--Sip:Origination:Uris:0:Uri={VoipProvidersApiFactory.OriginationUri}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private sealed record IdOnly(Guid Id);
}
