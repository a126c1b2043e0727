using VoipProviders.Application.TwilioProviders.Repairs;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>Ends a repair's run where a test stopped its replica.</summary>
public sealed class RepairReplicaStoppedException(RepairPoint point, string action)
    : Exception($"The replica stopped at {point} {action}.");
