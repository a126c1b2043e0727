namespace VoipProviders.Infrastructure.Security;

/// <summary>Settings under <c>DataProtection</c>: the key ring that encrypts the stored secrets.</summary>
public sealed class SecretProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Isolates this module's key ring; every replica must use the same name.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.MinLength(1)]
    public string ApplicationName { get; set; } = "VoipProviders";

    /// <summary>
    /// Optional PFX certificate that encrypts the key ring at rest in PostgreSQL. Without it the keys are stored
    /// unencrypted in the database (the secrets they protect are still encrypted).
    /// </summary>
    public string? KeyEncryptionCertificatePath { get; set; }

    public string? KeyEncryptionCertificatePassword { get; set; }
}
