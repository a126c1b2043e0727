using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.RepairProviderAutomatically;

/// <summary>
/// Auto-repair of a provider whose verification at <see cref="VerifiedVersion"/> found drift: plans afresh, applies
/// what the provider's auto-repair mode allows (within the day's cap), then verifies. Skipped when the provider changed
/// since (its own verification decides again) or a repair or rotation holds it.
/// </summary>
[BackgroundJob("repair-provider-automatically")]
public sealed record RepairProviderAutomaticallyCommand(Guid ProviderId, long VerifiedVersion) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
