using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Provisioning intents in memory, as if every own-transaction step committed at once.</summary>
public sealed class FakeProvisioningIntents(TimeProvider timeProvider) : IProvisioningIntents
{
    public Dictionary<ProviderId, ProvisioningIntent> Stored { get; } = [];

    /// <summary>When each recorded intent's reconciliation was queued to run.</summary>
    public Dictionary<ProviderId, DateTimeOffset> ReconcileAt { get; } = [];

    public List<ProviderId> Fulfilled { get; } = [];

    public List<ProviderId> Forgotten { get; } = [];

    public List<ProviderId> Removed { get; } = [];

    public Exception? FailRecordWith { get; set; }

    public Exception? FailForgetWith { get; set; }

    public Task RecordAsync(ProvisioningIntent intent, DateTimeOffset reconcileAt, CancellationToken cancellationToken)
    {
        if (FailRecordWith is { } failure)
        {
            return Task.FromException(failure);
        }

        Stored.Add(intent.Id, intent);
        ReconcileAt.Add(intent.Id, reconcileAt);
        return Task.CompletedTask;
    }

    public void Fulfil(ProvisioningIntent intent) => Fulfilled.Add(intent.Id);

    public Task ForgetAsync(ProviderId intentId, CancellationToken cancellationToken)
    {
        if (FailForgetWith is { } failure)
        {
            return Task.FromException(failure);
        }

        if (Stored.TryGetValue(intentId, out var intent) && intent.Status == ProvisioningIntentStatus.Pending)
        {
            Stored.Remove(intentId);
            Forgotten.Add(intentId);
        }

        return Task.CompletedTask;
    }

    public Task<ProvisioningIntent?> FindAsync(ProviderId intentId, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.GetValueOrDefault(intentId));

    public Task<bool> TakeForReconciliationAsync(ProviderId intentId, CancellationToken cancellationToken)
    {
        if (!Stored.TryGetValue(intentId, out var intent) || intent.Status != ProvisioningIntentStatus.Pending)
        {
            return Task.FromResult(false);
        }

        intent.TakeForReconciliation(timeProvider.GetUtcNow());
        return Task.FromResult(true);
    }

    public void Remove(ProvisioningIntent intent)
    {
        Stored.Remove(intent.Id);
        Removed.Add(intent.Id);
    }
}
