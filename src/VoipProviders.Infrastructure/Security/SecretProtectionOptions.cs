using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Security;

/// <summary>Settings under <c>DataProtection</c>: the key ring that encrypts the stored secrets.</summary>
[OptionsSection(SectionName)]
public sealed class SecretProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Isolates this module's key ring; every replica must use the same name.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.MinLength(1)]
    public string ApplicationName { get; set; } = "VoipProviders";

    /// <summary>
    /// PFX certificate that encrypts the key ring at rest in PostgreSQL (new keys are encrypted with it). Required
    /// outside Development unless <see cref="AllowUnprotectedKeys"/> is set.
    /// </summary>
    public string? KeyEncryptionCertificatePath { get; set; }

    public string? KeyEncryptionCertificatePassword { get; set; }

    /// <summary>
    /// Further PFX certificates whose keys may still have encrypted older keys of the ring: after rotating the
    /// encryption certificate, list the previous one here until every key it protected has expired.
    /// </summary>
    public IList<CertificateFile> KeyDecryptionCertificates { get; } = [];

    /// <summary>
    /// Outside Development the host refuses to start with an unprotected key ring unless this is set — for test
    /// environments only; a warning is logged at every start.
    /// </summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>
    /// How often a replica reads the key ring again: a key created or revoked elsewhere (<c>reprotect-secrets</c>) is
    /// known here at most this much later. <c>reprotect-secrets</c> waits twice this long before it uses a new key.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeyRingRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
