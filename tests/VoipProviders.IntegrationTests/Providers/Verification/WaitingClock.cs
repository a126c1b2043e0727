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
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override TimeZoneInfo LocalTimeZone => _time.LocalTimeZone;

    public override long TimestampFrequency => _time.TimestampFrequency;

    /// <summary>Completes once a timer runs on this clock.</summary>
    public Task WhenSomethingWaitsAsync() => _waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Advance(TimeSpan delta) => _time.Advance(delta);

    public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

    public override long GetTimestamp() => _time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _time.CreateTimer(callback, state, dueTime, period);
        _waiting.TrySetResult();
        return timer;
    }
}
