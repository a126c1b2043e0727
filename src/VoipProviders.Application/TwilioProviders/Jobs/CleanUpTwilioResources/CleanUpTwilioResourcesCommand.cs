using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

/// <summary>
/// Deletes a deleted provider's trunk, then its credential list (with its SIP credential), in the tenant's Twilio
/// account. Runs in the background after the deletion committed; retried with backoff while Twilio is unavailable.
/// </summary>
[BackgroundJob("twilio-resource-cleanup")]
public sealed record CleanUpTwilioResourcesCommand(Guid CleanupId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
