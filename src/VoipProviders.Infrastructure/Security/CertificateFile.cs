namespace VoipProviders.Infrastructure.Security;

/// <summary>A PFX file and its password, as configured.</summary>
public sealed class CertificateFile
{
    public string Path { get; set; } = string.Empty;

    public string? Password { get; set; }
}
