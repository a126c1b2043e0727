using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.Repairs;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>The conflicts of drift repairs (409).</summary>
public static class RepairConflicts
{
    /// <summary>Refuses a change, a rotation, a deletion or another repair while a repair holds the provider.</summary>
    public static void ThrowIfRepairing(TwilioProvider provider, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (provider.IsRepairing(timeProvider.GetUtcNow()))
        {
            throw new ConflictException(
                RepairRules.RepairInProgressCode,
                "A repair of this provider is running. Nothing was changed; try again when it has ended (at most a few minutes).");
        }
    }

    public static ConflictException PlanStale(Guid planId) =>
        new(RepairRules.PlanStaleCode, $"Plan {planId} no longer matches the provider or its Twilio account (either changed since it was made). Nothing was changed; make a new plan with ?dryRun=true.");

    public static ConflictException DisruptiveNotAllowed() =>
        new(RepairRules.DisruptiveNotAllowedCode, "The plan recreates the trunk: its SIP domain and the termination URI change, and calls sent to the old one fail. Nothing was changed; send allowDisruptive: true to apply it.");
}
