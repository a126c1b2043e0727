using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace VoipProviders.Infrastructure.UnitTests.Fakes;

/// <summary>
/// A fake clock that also records the due time of every timer created on it, so a test can wait until the delay it
/// wants to skip is actually registered before advancing — advancing earlier would make the delay start afterwards.
/// </summary>
public sealed class TimerRecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyCollection<TimeSpan> DueTimes => _dueTimes;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
