namespace VoipProviders.Application.Common.Auditing;

/// <summary>The append-only record of every committed change and every security-relevant refusal.</summary>
public interface IAuditTrail
{
    /// <summary>Adds a record to the commit in progress: it exists exactly when the change commits.</summary>
    void Record(AuditEntry entry);

    /// <summary>
    /// Writes a refusal at once, in a transaction of its own, so that it stays when the command then fails and rolls
    /// back. Best effort: a failure to write it is logged and never hides the refusal from the caller.
    /// </summary>
    Task RecordRefusalAsync(AuditEntry entry, CancellationToken cancellationToken);
}
