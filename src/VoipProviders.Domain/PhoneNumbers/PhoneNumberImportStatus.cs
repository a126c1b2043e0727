namespace VoipProviders.Domain.PhoneNumbers;

public enum PhoneNumberImportStatus
{
    /// <summary>Recorded before the first attach: the import is (or was) under way.</summary>
    Pending,

    /// <summary>
    /// Taken by reconciliation: the import did not commit within its grace period, and what it attached without recording
    /// is being detached. An import that commits only now fails instead (its commit removes a pending import or nothing).
    /// </summary>
    Reconciling,

    /// <summary>Given up: the numbers it may have left on the trunk were logged; its claims on them are released.</summary>
    Abandoned,
}
