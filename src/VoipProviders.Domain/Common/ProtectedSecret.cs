namespace VoipProviders.Domain.Common;

/// <summary>
/// A secret in its encrypted (protected) form, as stored at rest. The plaintext never lives in the domain model;
/// <see cref="ToString"/> is redacted so the ciphertext does not end up in logs either.
/// </summary>
public readonly record struct ProtectedSecret
{
    public ProtectedSecret(string cipherText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cipherText);
        CipherText = cipherText;
    }

    public string CipherText { get; }

    public override string ToString() => "[protected]";
}
