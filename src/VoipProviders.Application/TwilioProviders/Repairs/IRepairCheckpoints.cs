namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// Told each time a repair passes one of its <see cref="RepairPoint"/>s. Production does nothing here; the tests stop a
/// replica at each point (a throw from here ends the run with nothing more done, as a crash would) and check that no
/// resource is left orphaned and the provider stays consistent.
/// </summary>
public interface IRepairCheckpoints
{
    ValueTask PassedAsync(RepairPoint point, string action, Guid providerId, CancellationToken cancellationToken);
}
