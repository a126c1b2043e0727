using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Hands Twilio resources that could not be deleted now to the durable clean-up job, in a transaction of its own: the
/// command that created them did not commit, so its unit of work cannot carry the clean-up.
/// </summary>
public interface ITwilioCleanupQueue
{
    Task QueueAsync(TwilioResourceCleanup cleanup, CancellationToken cancellationToken);
}
