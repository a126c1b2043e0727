using VoipProviders.Application.Common.Security;

namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// A stored <c>ProtectedSecret</c>: the entity property that holds it, the purpose it is protected for and its owner —
/// another property of the row (<see cref="OwnerProperty"/>) or one fixed id (<see cref="FixedOwner"/>). Table and column
/// names come from the model. <c>reprotect-secrets</c> re-protects every declared one.
/// </summary>
internal sealed record ProtectedSecretColumn(Type Entity, string Property, SecretPurpose Purpose, string? OwnerProperty, Guid? FixedOwner)
{
    /// <summary>A secret bound to an id the row holds (its own, or its provider's).</summary>
    public static ProtectedSecretColumn Of<TEntity>(string property, SecretPurpose purpose, string ownerProperty) =>
        new(typeof(TEntity), property, purpose, ownerProperty, null);

    /// <summary>A secret bound to one fixed id, whatever the row.</summary>
    public static ProtectedSecretColumn Of<TEntity>(string property, SecretPurpose purpose, Guid owner) =>
        new(typeof(TEntity), property, purpose, null, owner);
}
