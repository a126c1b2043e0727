using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.AdvanceAuthTokenRotation;

/// <summary>
/// Takes a managed Auth Token rotation as far as it can go now: each step is committed before the next starts, and a
/// run that stops anywhere (a crash, a stopped replica, a failed commit) is resumed by the next run on any replica from
/// what was committed. The wait before the promotion is this job scheduled for later.
/// </summary>
[BackgroundJob("advance-auth-token-rotation")]
public sealed record AdvanceAuthTokenRotationCommand(Guid RotationId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
