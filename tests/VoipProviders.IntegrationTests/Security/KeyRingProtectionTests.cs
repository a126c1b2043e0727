using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>Outside Development the Data Protection key ring must be encrypted at rest, or the risk accepted loudly.</summary>
public sealed class KeyRingProtectionTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public void Outside_Development_the_host_refuses_to_start_with_an_unprotected_key_ring()
    {
        var refusal = HostStart.RefusalOf(Fixture, new Dictionary<string, string> { ["DataProtection:AllowUnprotectedKeys"] = "false" });

        refusal.Should().BeOfType<OptionsValidationException>("the settings check refuses the start, nothing else fails")
            .Which.Failures.Should().ContainSingle().Which.Should()
            .StartWith("DataProtection:KeyEncryptionCertificatePath is required outside Development")
            .And.Contain("DataProtection:AllowUnprotectedKeys=true");
    }

    [Fact]
    public async Task With_a_key_encryption_certificate_the_host_starts_without_the_warning()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"vp-keyring-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=voip-providers-key-ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        try
        {
            await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
            {
                ["DataProtection:AllowUnprotectedKeys"] = "false",
                ["DataProtection:KeyEncryptionCertificatePath"] = pfx,
                ["DataProtection:KeyEncryptionCertificatePassword"] = "test-password",
                ["BackgroundJobs:Enabled"] = "false",
            });

            host.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 3100);
            using var client = host.ClientFor(OrgA);
            using var response = await client.GetAsync(ProvidersPath);
            response.IsSuccessStatusCode.Should().BeTrue("the host serves requests");
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
