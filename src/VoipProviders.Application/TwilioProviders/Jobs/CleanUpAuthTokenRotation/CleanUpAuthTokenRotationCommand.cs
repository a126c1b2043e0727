using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpAuthTokenRotation;

/// <summary>
/// Deletes the secondary Auth Token a failed or cancelled rotation created (or may have created) in Twilio, with the
/// provider's token. Never queued for a secondary the rotation knows is not its own.
/// </summary>
[BackgroundJob("clean-up-auth-token-rotation")]
public sealed record CleanUpAuthTokenRotationCommand(Guid RotationId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
