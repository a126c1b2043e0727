using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>A self-signed key-encryption certificate in a temporary PFX file, as DataProtection:KeyEncryptionCertificatePath names one; deleted on dispose.</summary>
internal sealed class TestCertificate : IDisposable
{
    public const string Password = "test-password";

    private TestCertificate(string path) => Path = path;

    public string Path { get; }

    /// <summary>The settings of a replica that encrypts its key ring with this certificate (and allows nothing else).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataProtection:AllowUnprotectedKeys"] = "false",
        ["DataProtection:KeyEncryptionCertificatePath"] = Path,
        ["DataProtection:KeyEncryptionCertificatePassword"] = Password,
    };

    public static TestCertificate Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vp-keyring-{Guid.NewGuid():N}.pfx");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=voip-providers-key-ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return new TestCertificate(path);
    }

    public void Dispose() => File.Delete(Path);
}
