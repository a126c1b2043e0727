using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;

/// <summary>
/// Brings one provider's origination URLs in line with the settings and its secure flag, under the provider's rollout
/// lease. Sent by the rollout for every provider that is behind, and queued after a change of the secure flag.
/// </summary>
[BackgroundJob("align-trunk-origination")]
public sealed record AlignTrunkOriginationCommand(Guid ProviderId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
