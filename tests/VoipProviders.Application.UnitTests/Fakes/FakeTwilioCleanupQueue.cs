using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Keeps the clean-ups handed over, as if committed with their jobs.</summary>
public sealed class FakeTwilioCleanupQueue : ITwilioCleanupQueue
{
    public List<TwilioResourceCleanup> Queued { get; } = [];

    public Task QueueAsync(TwilioResourceCleanup cleanup, CancellationToken cancellationToken)
    {
        Queued.Add(cleanup);
        return Task.CompletedTask;
    }
}
