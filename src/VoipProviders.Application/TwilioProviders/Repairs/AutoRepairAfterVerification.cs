using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Jobs.RepairProviderAutomatically;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// Auto-repair's trigger: a scheduled or after-change verification that found drift on a provider with auto-repair on
/// queues its repair, in the verification's own commit. A verification after a repair never does (no loop), nor does
/// one the tenant asked for (they repair on demand).
/// </summary>
public sealed class AutoRepairAfterVerification(IBackgroundJobQueue jobs, TimeProvider timeProvider) : IVerificationFollowUp
{
    public ProviderType Type => TwilioProviderKind.Type;

    public void Verified(IVerifiableProvider provider, VerificationTrigger trigger)
    {
        if (trigger is not (VerificationTrigger.Scheduled or VerificationTrigger.AfterChange)
            || provider is not TwilioProvider { AutoRepair: not AutoRepairMode.Off, ActiveAuthTokenRotationId: null } twilio
            || provider.VerificationStatus is not (VerificationStatus.Warning or VerificationStatus.Failed))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (twilio.AutoRepairPausedUntil > now || twilio.IsRepairing(now))
        {
            return;
        }

        jobs.Enqueue(new RepairProviderAutomaticallyCommand(provider.Id.Value, provider.Version));
    }
}
