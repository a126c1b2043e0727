using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Durable provisioning intents (see <see cref="ProvisioningIntent"/>): recorded before a connect's first Twilio create,
/// removed by its commit, reconciled by a background job when neither the commit nor the connect's own compensation
/// settled them.
/// </summary>
public interface IProvisioningIntents
{
    /// <summary>
    /// Commits the intent at once, in a transaction of its own, together with its reconciliation job due at
    /// <paramref name="reconcileAt"/> — before anything exists in Twilio, so a crash after any create is covered.
    /// </summary>
    Task RecordAsync(ProvisioningIntent intent, DateTimeOffset reconcileAt, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the intent in the current unit of work, so it goes with the provider's insert: the provider and its
    /// resources are stored, or the intent stays. Removes it only while it is pending: when reconciliation has taken it
    /// meanwhile, the commit fails with a conflict (and the connect compensates) instead of storing a provider whose
    /// resources are being deleted.
    /// </summary>
    void Fulfil(ProvisioningIntent intent);

    /// <summary>Removes a pending intent now, in a transaction of its own: the connect failed and deleted everything it built.</summary>
    Task ForgetAsync(ProviderId intentId, CancellationToken cancellationToken);

    /// <summary>The intent, as reconciliation reads it; null when it is gone (committed or forgotten).</summary>
    Task<ProvisioningIntent?> FindAsync(ProviderId intentId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a pending intent to <see cref="ProvisioningIntentStatus.Reconciling"/> and commits that at once, before any
    /// delete; from then on the connect can no longer commit.
    /// </summary>
    /// <returns>Whether the intent is now being reconciled (false: it is gone — the connect committed just now).</returns>
    Task<bool> TakeForReconciliationAsync(ProviderId intentId, CancellationToken cancellationToken);

    /// <summary>Removes the intent in the current unit of work (reconciliation finished).</summary>
    void Remove(ProvisioningIntent intent);
}
