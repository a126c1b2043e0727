using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// Durable imports (see <see cref="PhoneNumberImport"/>): recorded with their claims before an import's first attach,
/// removed by its commit, reconciled by a background job when neither the commit nor the import's own compensation
/// settled them.
/// </summary>
public interface IPhoneNumberImports
{
    /// <summary>Who holds each of these numbers: the provider that imported it, or whose import of it is in flight. Numbers nobody holds are left out.</summary>
    Task<IReadOnlyDictionary<string, PhoneNumberHolder>> FindHoldersAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken);

    /// <summary>
    /// Commits the import at once, in a transaction of its own, with a claim on each of <paramref name="claims"/> and its
    /// reconciliation job due at <paramref name="reconcileAt"/> — before anything is attached, so a crash after any attach
    /// is covered. The caller found nobody holding these numbers (<see cref="FindHoldersAsync"/>); a number claimed or
    /// imported by someone else meanwhile is left out, and the import is not recorded when that leaves nothing.
    /// </summary>
    /// <returns>The holders of the numbers that were not claimed; every other number of <paramref name="claims"/> is this import's.</returns>
    Task<IReadOnlyDictionary<string, PhoneNumberHolder>> ClaimAsync(
        PhoneNumberImport import,
        IReadOnlyList<PhoneNumberImportClaim> claims,
        DateTimeOffset reconcileAt,
        CancellationToken cancellationToken);

    /// <summary>
    /// Removes the import and its claims in the current unit of work, so they go with the numbers' insert: the numbers are
    /// recorded, or the import stays. Removes it only while it is pending: when reconciliation has taken it meanwhile, the
    /// commit fails with a conflict (and the import compensates) instead of recording numbers being detached.
    /// </summary>
    void Complete(PhoneNumberImport import);

    /// <summary>Removes a pending import and its claims now, in a transaction of its own: the import failed and detached everything it attached.</summary>
    Task ForgetAsync(Guid importId, CancellationToken cancellationToken);

    /// <summary>The import, as reconciliation reads it; null when it is gone (committed or forgotten).</summary>
    Task<PhoneNumberImport?> FindAsync(Guid importId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a pending import to <see cref="PhoneNumberImportStatus.Reconciling"/> and commits that at once, before any
    /// detach; from then on the import can no longer commit. Read the import again afterwards: it may be gone (the import
    /// committed just now) or reconciling already (an earlier run took it).
    /// </summary>
    Task TakeForReconciliationAsync(Guid importId, CancellationToken cancellationToken);

    /// <summary>The import's claims, tracked by the current unit of work (removing the import removes them).</summary>
    Task<IReadOnlyList<PhoneNumberImportClaim>> ListClaimsAsync(Guid importId, CancellationToken cancellationToken);

    /// <summary>Removes the import and its claims in the current unit of work (reconciliation finished).</summary>
    void Remove(PhoneNumberImport import);

    /// <summary>Releases claims in the current unit of work (reconciliation gave up: the numbers may be imported again).</summary>
    void Release(IEnumerable<PhoneNumberImportClaim> claims);
}
