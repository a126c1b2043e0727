using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Clean-ups by id; <see cref="Stored"/> is what a commit would leave in the table.</summary>
public sealed class FakeTwilioResourceCleanupRepository : ITwilioResourceCleanupRepository
{
    private readonly Dictionary<Guid, TwilioResourceCleanup> _stored = [];

    public IReadOnlyCollection<TwilioResourceCleanup> Stored => _stored.Values;

    public Task<TwilioResourceCleanup?> FindAsync(Guid cleanupId, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.GetValueOrDefault(cleanupId));

    public void Add(TwilioResourceCleanup cleanup) => _stored.Add(cleanup.Id, cleanup);

    public void Remove(TwilioResourceCleanup cleanup) => _stored.Remove(cleanup.Id);
}
