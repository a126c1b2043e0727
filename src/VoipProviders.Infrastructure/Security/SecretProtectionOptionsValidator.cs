using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// Outside Development the key ring must be encrypted at rest (a certificate), unless an unprotected one is allowed
/// explicitly. Whoever reads the database must not be able to decrypt every tenant's Auth Token with what is in it.
/// </summary>
internal sealed class SecretProtectionOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecretProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.KeyEncryptionCertificatePath) && !options.AllowUnprotectedKeys)
        {
            failures.Add(
                $"{SecretProtectionOptions.SectionName}:KeyEncryptionCertificatePath is required outside Development: the Data Protection key ring " +
                $"that decrypts every stored Auth Token would otherwise sit unencrypted in the database. Set it, or set " +
                $"{SecretProtectionOptions.SectionName}:AllowUnprotectedKeys=true explicitly (test environments only).");
        }

        for (var i = 0; i < options.KeyDecryptionCertificates.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.KeyDecryptionCertificates[i].Path))
            {
                failures.Add($"{SecretProtectionOptions.SectionName}:KeyDecryptionCertificates:{i}:Path is empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
