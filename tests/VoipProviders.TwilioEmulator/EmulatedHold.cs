namespace VoipProviders.TwilioEmulator;

/// <summary>
/// The next requests of one operation, held by the emulator after it recorded them (<see cref="TwilioEmulatorState.Hold"/>):
/// each waits until the test calls <see cref="Release"/>, the hold's timeout passes, or the client gives up; then it is
/// handled normally. Later requests of the operation pass. Lets a test act "while a request is at Twilio" without guessing
/// how long that takes: wait for <see cref="WhenHeldAsync"/>, act, release.
/// </summary>
public sealed class EmulatedHold : IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _count;
    private int _held;

    internal EmulatedHold(TwilioOperation operation, int count, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Operation = operation;
        Timeout = timeout;
        _count = count;
    }

    public TwilioOperation Operation { get; }

    /// <summary>The longest a request is held: then it goes on by itself.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many requests this hold has taken so far.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Completes once every request this hold takes has arrived and is held (fails after <paramref name="within"/>, 30 s by default).</summary>
    public Task WhenHeldAsync(TimeSpan? within = null) => _allHeld.Task.WaitAsync(within ?? TimeSpan.FromSeconds(30));

    /// <summary>Lets the held requests (and any the hold still would take) go on.</summary>
    public void Release() => _released.TrySetResult();

    public void Dispose() => Release();

    /// <summary>Takes one more request; false when the hold is full or released. Called under the emulator's lock.</summary>
    internal bool TryTake()
    {
        if (_released.Task.IsCompleted || _held == _count)
        {
            return false;
        }

        _held++;
        return true;
    }

    /// <summary>Holds a request this hold took, until released, timed out or cancelled.</summary>
    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _held) == _count)
        {
            _allHeld.TrySetResult();
        }

        try
        {
            await _released.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Held as long as allowed: the request goes on.
        }
    }
}
