namespace VoipProviders.Application.Common.Security;

/// <summary>
/// What a protected secret is for. A ciphertext is bound to its purpose (and owner): one protected for another purpose
/// does not decrypt. Features declare their purposes; <see cref="Name"/> is part of every ciphertext's key derivation,
/// so it never changes once secrets were stored under it.
/// </summary>
public readonly record struct SecretPurpose
{
    public SecretPurpose(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The purpose's name; null only for <c>default</c>, which no secret can be protected for.</summary>
    public string Name { get; }

    public override string ToString() => Name ?? string.Empty;
}
