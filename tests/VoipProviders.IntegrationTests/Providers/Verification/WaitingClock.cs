using Microsoft.Extensions.Time.Testing;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// A clock that moves only when the test moves it (<see cref="FakeTimeProvider"/>) and says when something first
/// started waiting on it (created a timer): a caller's wait for another run is measured from then, so the test moves
/// the clock only once the wait has begun.
/// </summary>
internal sealed class WaitingClock : TimeProvider
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _timers;

    public override TimeZoneInfo LocalTimeZone => _time.LocalTimeZone;

    public override long TimestampFrequency => _time.TimestampFrequency;

    /// <summary>Completes once a timer runs on this clock.</summary>
    public Task WhenSomethingWaitsAsync() => WhenTimersAsync(1);

    /// <summary>Completes once <paramref name="count"/> timers have been started on this clock (a wait's budget, then a poll's delay, ...).</summary>
    public Task WhenTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timers >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Advance(TimeSpan delta) => _time.Advance(delta);

    public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

    public override long GetTimestamp() => _time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _time.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timers++;
            foreach (var waiter in _waiters.Where(w => _timers >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        return timer;
    }
}
