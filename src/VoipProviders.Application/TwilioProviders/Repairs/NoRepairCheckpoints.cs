namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>Production's checkpoints: nothing happens at them.</summary>
public sealed class NoRepairCheckpoints : IRepairCheckpoints
{
    public ValueTask PassedAsync(RepairPoint point, string action, Guid providerId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
