using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Clean-ups of deleted providers' Twilio resources. System work: looked up by id, not by organization.</summary>
public interface ITwilioResourceCleanupRepository
{
    Task<TwilioResourceCleanup?> FindAsync(Guid cleanupId, CancellationToken cancellationToken);

    void Add(TwilioResourceCleanup cleanup);

    void Remove(TwilioResourceCleanup cleanup);
}
