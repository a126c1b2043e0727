namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// Calls kept in flight until the test lets them go, oldest first: how many are held now and the most held at once.
/// A concurrency limit is then reached through the test's own steps (wait until the limit's worth of calls is held,
/// let one go, wait again), never through how long a delay lasts on a busy machine.
/// </summary>
public sealed class HeldCalls
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _held = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _mostAtOnce;

    /// <summary>The most calls held at the same time so far.</summary>
    public int MostAtOnce
    {
        get
        {
            lock (_gate)
            {
                return _mostAtOnce;
            }
        }
    }

    /// <summary>Holds the calling call until <see cref="ReleaseOldest"/> lets it go.</summary>
    public Task HoldAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _held.Enqueue(release);
            _mostAtOnce = Math.Max(_mostAtOnce, _held.Count);
            foreach (var waiter in _waiters.Where(w => _held.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        return release.Task;
    }

    /// <summary>Completes once at least <paramref name="count"/> calls are held at the same time.</summary>
    public Task WhenHeldAsync(int count)
    {
        lock (_gate)
        {
            if (_held.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(WaitLimit);
        }
    }

    /// <summary>Lets the call held longest go on.</summary>
    public void ReleaseOldest()
    {
        TaskCompletionSource release;
        lock (_gate)
        {
            release = _held.Dequeue();
        }

        release.SetResult();
    }

    /// <summary>
    /// Lets <paramref name="total"/> calls through one at a time, each once as many calls are held as the limit allows
    /// (<paramref name="limit"/>, or fewer when fewer are left): the limit is reached at every step it can be.
    /// </summary>
    public async Task ReleaseOneByOneAsync(int total, int limit)
    {
        for (var released = 0; released < total; released++)
        {
            await WhenHeldAsync(Math.Min(limit, total - released));
            ReleaseOldest();
        }
    }
}
