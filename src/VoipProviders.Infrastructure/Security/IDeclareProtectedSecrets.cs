namespace VoipProviders.Infrastructure.Security;

/// <summary>
/// Implemented by an entity configuration whose entity holds a <c>ProtectedSecret</c>: it declares, beside the mapping,
/// what each one is protected for, so that <c>reprotect-secrets</c> can put it under a new key. A test holds that every
/// <c>ProtectedSecret</c> of the model is declared.
/// </summary>
internal interface IDeclareProtectedSecrets
{
    IEnumerable<ProtectedSecretColumn> ProtectedSecrets { get; }
}
