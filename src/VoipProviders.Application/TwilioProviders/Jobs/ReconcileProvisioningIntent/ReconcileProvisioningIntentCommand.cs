using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;

/// <summary>
/// Settles a connect's provisioning intent once its grace period is over: gone already (the connect committed or cleaned
/// up after itself) → nothing to do; still there → the connect never finished, so whatever it built under the planned
/// names is deleted from the tenant's account. Queued with the intent, before the connect's first Twilio create.
/// </summary>
[BackgroundJob("provisioning-intent-reconciliation")]
public sealed record ReconcileProvisioningIntentCommand(Guid IntentId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
